#!/usr/bin/env python3
"""Reference for EchtVision: MediaPipe pre/post-processing around LiteRT, on real photos.

Reuses the golden pipeline in ../shared/docs/models/reference_outputs.py (crop sampler,
anchors, decoding, weighted NMS, ROIs, projection) and adds what EchtVision does on top:
  * the multi-pass face search (short range + full range on the whole image, full range
    on the multi-level tile plan of Sources/EchtVision/Detection/TilePlan.swift: square
    tiles halving in side from the longer image edge until they resolve the smallest face
    asked for, each level overlapping by a quarter; hits touching an inner tile edge are
    dropped) and the cross-pass merge,
  * the face-presence gate from the mesh model,
  * the mesh second pass (ROI from the landmarks) and the iris model on both eyes,
  * the coarse 256x256 selfie mask.
Not reproduced: the dim-input second pass, the questionable tile hits (score 0.3...0.6), the
mesh's retries on alternative boxes and the zoomed short-range proposals for the hits it
rejects (PortraitAnalyzer.confirm); the golden photos need none of them.
It writes one small JSON per photo into Tests/EchtVisionTests/Golden/ (boxes, scores,
468 landmarks, iris centres, a subsample of the mask) that the Swift tests compare with.

Run:  /work/.venv-vision/bin/python scripts/vision/reference_vision.py [--eval]
      (venv with ai-edge-litert, numpy, pillow; models in $ECHT_MODELS or ~/.cache/echt/models)
"""
import json
import os
import sys

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
SHARED = os.environ.get('ECHT_SHARED', '/work/shared')
sys.path.insert(0, os.path.join(SHARED, 'docs', 'models'))
import reference_outputs as R  # noqa: E402

MODELS = os.environ.get('ECHT_MODELS') or os.path.expanduser('~/.cache/echt/models')
R.PATHS = {k: f'{MODELS}/{k}.tflite' for k in R.PATHS}
DEV = os.path.join(SHARED, 'photos', 'dev')
OUT = os.path.join(ROOT, 'Tests', 'EchtVisionTests', 'Golden')

# Must match FaceDetector.Options defaults in Sources/EchtVision/Detection/FaceDetector.swift.
SMALLEST_FACE_PIXELS = 16.0    # smallest face side searched for, px ...
SMALLEST_FACE_FRACTION = 0.02  # ... or this fraction of the longer edge, whichever is larger
SMALLEST_TENSOR_FACE = 16.0    # smallest face the full-range model resolves, in its 192 px input
TILE_OVERLAP = 0.25            # fraction of a tile's side shared with its neighbours
MIN_TILE_SIDE = 160.0          # no tiles smaller than this (px)
CLOSE_UP_FACE_FRACTION = 0.2   # no tiling when the whole-image pass finds a face this big (x short edge)
MERGE_OVERLAP = 0.5        # intersection / smaller area above which two boxes are one face
MIN_PRESENCE = 0.5
SHORT_RANGE_AGREEMENT = 0.5


def detect_in_square(img, name, cx, cy, side, theta=0.0):
    cfg = R.DETECTORS[name]
    size = cfg['size']
    x = R.warp_to_tensor(img, cx, cy, side, side, theta, size, size, 'zero', -1.0, 1.0)
    rb, rs = R.run(name, x)
    anchors = R.ssd_anchors(size, cfg['strides'], cfg['interp'])
    dets = R.weighted_nms(R.decode(rb, rs, anchors, size, cfg['thresh']))
    for d in dets:
        d['box_px'] = [cx + (d['box'][0] - 0.5) * side, cy + (d['box'][1] - 0.5) * side,
                       cx + (d['box'][2] - 0.5) * side, cy + (d['box'][3] - 0.5) * side]
        d['kps_px'] = [[cx + (k[0] - 0.5) * side, cy + (k[1] - 0.5) * side] for k in d['kps']]
    return dets


def overlap(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return ix * iy / small if small > 0 else 0.0


def tile_grid(W, H, side):
    """Squares of `side` covering W x H, neighbours sharing TILE_OVERLAP of the side, the outer
    ones touching the image edges (TilePlan.grid)."""
    step = side * (1 - TILE_OVERLAP)

    def centres(extent):
        if extent <= side:
            return [extent / 2]
        n = int(np.ceil((extent - side) / step))
        return [side / 2 + (extent - side) * i / n for i in range(n + 1)]
    return [(x, y, side) for y in centres(H) for x in centres(W)]


def tiles(W, H):
    """TilePlan: levels halve the square side from the longer edge until a level's smallest
    visible face (side / 192 * SMALLEST_TENSOR_FACE) is no bigger than 1.25 x the smallest face
    asked for; coarse levels first."""
    smallest = max(SMALLEST_FACE_PIXELS, SMALLEST_FACE_FRACTION * max(W, H))
    side, out = float(max(W, H)), []
    while side / 192 * SMALLEST_TENSOR_FACE > smallest * 1.25:
        side /= 2
        if side < MIN_TILE_SIDE:
            break
        out += tile_grid(W, H, min(side, min(W, H)))
    return out


def touches_inner_edge(box, cx, cy, t, W, H):
    """A tile hit within 2% of the tile side of an edge that is not an image edge may be a cut
    face; a neighbouring tile sees it whole."""
    m = 0.02 * t
    x0, x1, y0, y1 = cx - t / 2, cx + t / 2, cy - t / 2, cy + t / 2
    return ((x0 > m and box[0] < x0 + m) or (x1 < W - m and box[2] > x1 - m)
            or (y0 > m and box[1] < y0 + m) or (y1 < H - m and box[3] > y1 - m))


def iou(a, b):
    return R.iou(a, b)


def merge_by_overlap(cands):
    """Keeps every whole-image box (already NMS-ed) and each tile box that overlaps none kept
    so far by more than MERGE_OVERLAP (intersection over the smaller area)."""
    kept = [d for d in cands if d['rank'] == 0]
    for d in cands:
        if d['rank'] == 0:
            continue
        if all(overlap(d['box_px'], k['box_px']) <= MERGE_OVERLAP for k in kept):
            kept.append(d)
    return kept


def find_faces(img):
    """Full range (whole image, then tiles) decides which faces exist; a short-range box that
    agrees with one (IoU > SHORT_RANGE_AGREEMENT) replaces it, since it is the tighter fit
    for large faces and is what MediaPipe's FaceMesh uses."""
    H, W, _ = img.shape
    S = float(max(W, H))
    full = [dict(d, rank=0) for d in detect_in_square(img, 'face_detection_full_range_sparse', W / 2, H / 2, S)]
    close_up = any(max(d['box_px'][2] - d['box_px'][0], d['box_px'][3] - d['box_px'][1]) >= CLOSE_UP_FACE_FRACTION * min(W, H)
                   for d in full)
    for cx, cy, t in ([] if close_up else tiles(W, H)):
        full += [dict(d, rank=1) for d in detect_in_square(img, 'face_detection_full_range_sparse', cx, cy, t)
                 if not touches_inner_edge(d['box_px'], cx, cy, t, W, H)]
    full.sort(key=lambda d: (d['rank'], -d['score']))
    faces = merge_by_overlap(full)
    short = detect_in_square(img, 'face_detection_short_range', W / 2, H / 2, S)
    out = []
    for f in faces:
        match = max(short, key=lambda s: iou(s['box_px'], f['box_px']), default=None)
        out.append(match if match is not None and iou(match['box_px'], f['box_px']) > SHORT_RANGE_AGREEMENT else f)
    return out


def mesh_for(img, det):
    roi = R.face_roi_from_detection(det)
    _, _, lm, presence = R.face_mesh(img, roi)
    if presence < MIN_PRESENCE:
        return None, presence, roi
    xs, ys = lm[:, 0], lm[:, 1]
    th = R.normalize_radians(-np.arctan2(-(lm[263, 1] - lm[33, 1]), lm[263, 0] - lm[33, 0]))
    roi2 = ((xs.min() + xs.max()) / 2, (ys.min() + ys.max()) / 2, max(np.ptp(xs), np.ptp(ys)) * 1.5, th)
    _, _, lm2, presence2 = R.face_mesh(img, roi2)
    return lm2, presence2, roi2


def analyse(img):
    faces = []
    for det in find_faces(img):
        lm, presence, roi = mesh_for(img, det)
        if lm is None:
            continue
        irises = []
        for a, b, flip in ((33, 133, False), (362, 263, True)):
            _, _, _, contour, irs = R.iris(img, lm, a, b, flip)
            irises.append((irs, contour))
        faces.append(dict(det=det, lm=lm, presence=presence, roi=roi, irises=irises))
    faces.sort(key=lambda f: -(f['det']['box_px'][2] - f['det']['box_px'][0]) * (f['det']['box_px'][3] - f['det']['box_px'][1]))
    return faces


def load(path):
    return np.asarray(Image.open(path).convert('RGB'))


def rnd(v, n=3):
    return np.round(np.asarray(v, dtype=np.float64), n).tolist()


def golden_for(img, name, source):
    """Writes Golden/<name>.json for an RGB image array (uint8 or float 0..255)."""
    H, W, _ = img.shape
    faces = analyse(img)
    _, _, m, _ = R.selfie(img)
    g = dict(source=source, width=W, height=H, faces=[
        dict(box=rnd(f['det']['box_px'], 3), score=round(f['det']['score'], 5),
             keypoints=rnd(f['det']['kps_px'], 3), presence=round(f['presence'], 5),
             mesh_roi=rnd(f['roi'], 4), landmarks=rnd(f['lm'], 3),
             iris_centres=[rnd(f['irises'][0][0][0], 3), rnd(f['irises'][1][0][0], 3)],
             eye_contours=[rnd(f['irises'][0][1][:16], 3), rnd(f['irises'][1][1][:16], 3)])
        for f in faces],
        mask_mean=round(float(m.mean()), 6), mask_samples_stride16=rnd(m[8::16, 8::16], 5))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + '.json'), 'w') as f:
        json.dump(g, f, separators=(',', ':'))
    print(f'{name}: {len(faces)} face(s), mask mean {g["mask_mean"]}')


def astronaut_variants():
    """The astronaut from the golden raw bytes, and exact transforms the Swift tests rebuild."""
    raw = np.fromfile(os.path.join(SHARED, 'docs', 'models', 'golden', 'astronaut_rgb_512x512.u8'), np.uint8).reshape(512, 512, 3)
    yield 'astronaut', raw, 'golden astronaut_rgb_512x512.u8'
    yield 'astronaut_mirrored', raw[:, ::-1].copy(), 'astronaut mirrored left-right'
    yield 'astronaut_rot90cw', np.rot90(raw, k=-1).copy(), 'astronaut turned 90 degrees clockwise (as EXIF orientation 6 displays it)'
    down = raw.astype(np.float64).reshape(256, 2, 256, 2, 3).mean((1, 3))
    yield 'astronaut_half', down, 'astronaut 2x2 mean of the sRGB bytes (float, not rounded)'
    tilted = np.asarray(Image.fromarray(raw).rotate(-30, resample=Image.BILINEAR, expand=True))
    yield 'astronaut_tilt30cw', tilted, 'astronaut turned 30 degrees clockwise with PIL (landmarks only)'


def evaluate():
    for f in sorted(os.listdir(DEV)):
        faces = analyse(load(os.path.join(DEV, f)))
        print(f'{f:50s} {len(faces):3d}  ' + ' '.join(f'{fc["det"]["score"]:.2f}/{fc["presence"]:.2f}' for fc in faces))


if __name__ == '__main__':
    if '--eval' in sys.argv:
        evaluate()
    else:
        for name, img, source in astronaut_variants():
            golden_for(img, name, source)
        for name, file in (('obama', 'portrait-official-studio-obama-01.jpg'), ('apollo11', 'group-3faces-apollo11-01.jpg'),
                           ('kodak', 'portrait-red-hat-kodak-01.png'), ('eyes_closed', 'portrait-eyes-closed-plain-bg-01.jpg')):
            golden_for(load(os.path.join(DEV, file)), name, 'dev/' + file)
