"""Edge-spill prototype (docs/measurements/edge-spill.md). Reads the float32 planes the probe
(edge-spill-probe.patch) dumps: ECHT_SPILL_DUMP=DIR ECHT_SPILL_TAG=NAME echt studio PHOTO ...
A: framed alpha after EdgeCleanup, F: foreground (linear), P: photo through the frame (linear)."""
# ---- load.py
import numpy as np, glob, os, re
def load(dirn, tag, fit=None, name='fg'):
    pats = glob.glob(os.path.join(dirn, f'{tag}-*-{name}-*.f32'))
    if fit: pats=[p for p in pats if f'-{fit}-{name}-' in p]
    p = sorted(pats)[0]
    m = re.search(r'-(\d+)x(\d+)x(\d+)\.f32$', p)
    w,h,c = map(int, m.groups())
    a = np.fromfile(p, dtype=np.float32).reshape(h,w,c) if c>1 else np.fromfile(p, dtype=np.float32).reshape(h,w)
    return a
def srgb(x):
    x=np.clip(x,0,1); return np.where(x<=0.0031308, 12.92*x, 1.055*np.power(x,1/2.4)-0.055)
def to8(x): return (srgb(x)*255+0.5).astype(np.uint8)
# ---- spill.py (variant C: smooth deviation towards the bright background)
import numpy as np
from scipy import ndimage as ndi
LUM = np.array([0.2126, 0.7152, 0.0722], np.float32)

def gblur(x, s):
    if x.ndim == 3: return np.stack([ndi.gaussian_filter(x[..., c], s, mode='nearest') for c in range(x.shape[2])], -1)
    return ndi.gaussian_filter(x, s, mode='nearest')

def wmean(v, w, s):
    num = gblur(v * w[..., None] if v.ndim == 3 else v * w, s); den = gblur(w, s)
    return num / np.maximum(den, 1e-12)[..., None], den

def analyse(A, F, P, scale, depth=0.06, bright=3.0, t0=0.04, tmax=0.5, solid=0.25, strength=1.0, ring=3.0, bs=0.03, smooth=2.0, neg=0.3, tex=2.0):
    h, w = A.shape
    dist = ndi.distance_transform_edt(A >= 0.5)
    dout = ndi.distance_transform_edt(A < 0.5)
    D = max(2.0, depth * scale)
    ringw = ((A < 0.02) & (dout <= ring)).astype(np.float32)
    B, bden = wmean(P, ringw, max(1.0, bs * scale))
    inw = ((A >= 0.98) & (dist > 1.5 * D)).astype(np.float32)
    S, sden = wmean(F, inw, max(1.0, 0.12 * scale))
    part = ((A > 0.05) & (A < 0.95)).astype(np.float32)
    partShare = gblur(part, max(1.0, 0.03 * scale))
    band = (A > 0.05) & (dist <= D) & (bden > 1e-6) & (sden > 0.02)
    lb, ls = B @ LUM, S @ LUM
    okbg = (lb > bright * ls + 0.02)
    d = F - S
    # the deviation as a smooth field over the band (bloom is smooth; the photo's texture is not)
    wb = band.astype(np.float32)
    ds, _ = wmean(d, wb, smooth)
    tl = (ds @ LUM) / np.maximum(lb - ls, 1e-6)          # how far towards the background's light
    additive = ds.min(-1) >= -neg * ds.max(-1)
    t = tl
    FL = F @ LUM
    hf = gblur(np.abs(FL - gblur(FL, smooth)), smooth)
    smoothok = (ds @ LUM) > tex * hf
    sel = band & okbg & additive & (tl > t0) & (tl < tmax) & smoothok
    sel_solid = sel & (partShare < solid)
    taper = np.clip((D - dist) / (0.5 * D), 0, 1)
    ramp = np.clip((tl - t0) / t0, 0, 1) * np.clip((tmax - tl) / (0.5 * tmax), 0, 1)
    amount = np.where(sel_solid, strength * taper * ramp, 0).astype(np.float32)
    F2 = np.maximum(F - amount[..., None] * ds, 0)
    return dict(F2=F2, remove=amount, sel=sel, sel_solid=sel_solid, band=band, t=t, B=B, S=S, dist=dist, partShare=partShare, D=D)
# ---- fringe.py (variants D/E/G/H: blue fringe next to blown light; H = hue=9, grey=3)

def fringe(A, F, P, scale, depth=0.1, blown=0.85, ring=4.0, sat=1.6, strength=1.0, lumkeep=0.5, hue=0.18, grey=0, **_):
    """Defringe: band pixels next to blown old background whose blue-dominant chroma is far above
    the interior's are moved to the interior's chromaticity (luminance partly kept)."""
    dist = ndi.distance_transform_edt(A >= 0.5)
    dout = ndi.distance_transform_edt(A < 0.5)
    D = max(2.0, depth * scale)
    blownbg = ((A < 0.02) & (dout <= ring) & (P.max(-1) >= blown)).astype(np.float32)
    near = gblur(blownbg, max(1.0, 0.03 * scale)) > 0.02 * gblur(np.ones_like(blownbg), 1)  # blown light close by
    inw = ((A >= 0.98) & (dist > 1.5 * D)).astype(np.float32)
    S, sden = wmean(F, inw, max(1.0, 0.12 * scale))
    band = (A > 0.05) & (dist <= D) & (sden > 0.02)
    def chroma(x):
        s = np.maximum(x.sum(-1), 1e-6); return x / s[..., None]
    cF, cS = chroma(F), chroma(S)
    # blue excess: blue share above the interior's, with red not above it (a blue/cyan fringe)
    excess = cF[..., 2] - cS[..., 2]
    cdiff = np.sqrt(((cF - cS) ** 2).sum(-1))
    fr = band & near & (excess > 0.08) & (cdiff < hue)
    lF, lS = F @ LUM, S @ LUM
    taper = np.clip((D - dist) / (0.5 * D), 0, 1)
    w = np.where(fr, strength * taper * np.clip((excess - 0.08) / 0.08, 0, 1), 0).astype(np.float32)
    # target: interior chroma at this pixel's luminance pulled partly back to the interior's
    lT = lS + lumkeep * np.maximum(lF - lS, 0) + np.minimum(lF - lS, 0)
    if grey == 3:
        k = np.clip((cS[..., 2] - 1 / 3) / 0.15, 0, 1)[..., None]
        tS = S * (lT / np.maximum(lS, 1e-6))[..., None]
        target = k * tS + (1 - k) * np.repeat(lT[..., None], 3, -1)
    elif grey:
        target = np.repeat(lT[..., None], 3, -1) * 0.5 + S * (lT / np.maximum(lS, 1e-6))[..., None] * 0.5 if grey == 2 else np.repeat(lT[..., None], 3, -1)
    else:
        target = S * (lT / np.maximum(lS, 1e-6))[..., None]
    F2 = F + w[..., None] * (target - F)
    return dict(F2=F2, remove=w, sel=fr, sel_solid=fr, band=band, t=excess, B=S, S=S, dist=dist, partShare=excess, D=D)
# ---- measure.py (prevalence table)
d = '/tmp/spill/run0/dump'
tags = sorted(set(os.path.basename(p).split('-standard-')[0] for p in glob.glob(d + '/*-standard-alpha-*')))
print('| photo | opaque band px | bright bg nearby | on line to bg, t>0.15 | % of band | blue fringe (F, no hue guard) |')
print('|---|---|---|---|---|---|')
for t in tags:
    A = load(d, t, 'standard', 'alpha'); F = load(d, t, 'standard', 'fg'); P = load(d, t, 'standard', 'photo')
    scale = 0.35 * A.shape[1]; D = max(2, 0.1 * scale)
    dist = ndi.distance_transform_edt(A >= 0.5); dout = ndi.distance_transform_edt(A < 0.5)
    ring = ((A < 0.02) & (dout <= 4)).astype(np.float32)
    B, bden = wmean(P, ring, max(1, 0.03 * scale))
    S, sden = wmean(F, ((A >= 0.98) & (dist > 1.5 * D)).astype(np.float32), max(1, 0.12 * scale))
    band = (A >= 0.9) & (dist <= D) & (sden > 0.02) & (bden > 1e-6)
    bright = band & ((B @ LUM) > 3 * (S @ LUM) + 0.02)
    v = B - S; vv = (v * v).sum(-1); dd = F - S
    tt = (dd * v).sum(-1) / np.maximum(vv, 1e-8); r = np.sqrt(np.maximum((dd * dd).sum(-1) - tt * tt * vv, 0))
    spill = bright & (tt > 0.15) & (r <= 0.6 * tt * np.sqrt(vv))
    fr = fringe(A, F, P, scale, hue=9)['sel'] & (A >= 0.9)
    nb = int(band.sum())
    print(f"| {t.replace('-01','')} | {nb} | {int(bright.sum())} | {int(spill.sum())} | {100*spill.sum()/max(nb,1):.1f} | {int(fr.sum())} |")
