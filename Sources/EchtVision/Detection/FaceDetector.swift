import EchtImaging
import EchtInference
import Foundation

/// Finds faces with both BlazeFace models and merges their answers.
///
/// Search order (mirrored by `scripts/vision/reference_vision.py`):
/// 1. the full-range model on the whole image (letterboxed), which decides which faces exist;
/// 2. when `Options.searchTiles` is on, the full-range model again on a grid of overlapping
///    square tiles, so that faces too small for the whole-image pass are found; a tile's face
///    is kept when it overlaps no kept face by more than `Options.mergeOverlap`;
/// 3. the short-range model on the whole image; its box replaces a full-range box of the same
///    face (IoU above `Options.shortRangeAgreement`), because it fits large faces more tightly
///    and is what MediaPipe's FaceMesh uses.
/// Faces tilted in-plane up to about ±45° are found by the models directly. These are detector
/// hits only; `PortraitAnalyzer` confirms each with the mesh model's presence score.
public struct FaceDetector: Sendable {
    /// Tunable parameters; the defaults are the ones the evaluation in the README was run with.
    public struct Options: Sendable, Equatable {
        /// Also search overlapping tiles with the full-range model (finds faces in crowds).
        public var searchTiles: Bool = true
        /// Tiles per row and column.
        public var tileGrid: Int = 3
        /// Tile side as a fraction of the shorter image edge.
        public var tileFraction: Double = 0.6
        /// No tiling when tiles would be smaller than this many pixels.
        public var minimumTileSide: Double = 160
        /// Intersection over the smaller box above which a tile's box is a face already found.
        public var mergeOverlap: Double = 0.5
        /// IoU above which a short-range box is taken as the same face as a full-range box.
        public var shortRangeAgreement: Double = 0.5
        /// Creates the default options.
        public init() {}
    }

    /// The options in use.
    public let options: Options
    private let shortRange: ModelRunner
    private let fullRange: ModelRunner

    /// Loads both detectors from `modelsDirectory`.
    public init(modelsDirectory: URL, options: Options = Options()) throws(VisionError) {
        self.options = options
        shortRange = try ModelRunner(name: DetectorModel.shortRange.fileName, directory: modelsDirectory)
        fullRange = try ModelRunner(name: DetectorModel.fullRange.fileName, directory: modelsDirectory)
    }

    /// Every face in the image, largest box first, in upright image pixels.
    public func detectFaces(in image: Image) throws(VisionError) -> [FaceDetection] {
        let whole = DetectorModel.wholeImage(width: image.width, height: image.height)
        var faces = try detect(.fullRange, in: image, region: whole)
        if options.searchTiles {
            var tileFaces: [FaceDetection] = []
            for tile in Self.tiles(width: image.width, height: image.height, options: options) {
                tileFaces += try detect(.fullRange, in: image, region: tile)
            }
            faces = Self.mergeTiles(kept: faces, tiles: tileFaces, overlap: options.mergeOverlap)
        }
        let short = try detect(.shortRange, in: image, region: whole)
        faces = Self.preferShortRange(faces, short: short, agreement: options.shortRangeAgreement)
        return faces.sorted { $0.box.width * $0.box.height > $1.box.width * $1.box.height }
    }

    /// Runs one detector on one square region.
    func detect(_ kind: DetectorModel, in image: Image, region: RotatedRect) throws(VisionError) -> [FaceDetection] {
        let runner = kind == .shortRange ? shortRange : fullRange
        let outputs = try runner.run(kind.input(for: image, region: region), expectedOutputs: 2)
        return try kind.detections(from: outputs, region: region)
    }

    /// The overlapping square tiles of the grid search (row-major), or none for small images.
    static func tiles(width: Int, height: Int, options: Options) -> [RotatedRect] {
        let w = Double(width), h = Double(height)
        let side = options.tileFraction * min(w, h)
        guard options.tileGrid >= 2, side >= options.minimumTileSide else { return [] }
        let n = Double(options.tileGrid - 1)
        var out: [RotatedRect] = []
        for gy in 0..<options.tileGrid {
            for gx in 0..<options.tileGrid {
                out.append(RotatedRect(center: SIMD2(side / 2 + (w - side) * Double(gx) / n, side / 2 + (h - side) * Double(gy) / n), side: side))
            }
        }
        return out
    }

    /// Intersection over the smaller box's area.
    static func overlap(_ a: PixelRect, _ b: PixelRect) -> Float {
        let ix = max(0, min(a.maxX, b.maxX) - max(a.minX, b.minX)), iy = max(0, min(a.maxY, b.maxY) - max(a.minY, b.minY))
        let smaller = min(a.width * a.height, b.width * b.height)
        return smaller > 0 ? ix * iy / smaller : 0
    }

    /// Keeps `kept` and adds tile faces (best first) that overlap nothing kept so far.
    static func mergeTiles(kept: [FaceDetection], tiles: [FaceDetection], overlap limit: Double) -> [FaceDetection] {
        var out = kept
        for face in tiles.sorted(by: { $0.score > $1.score })
        where out.allSatisfy({ Double(overlap($0.box, face.box)) <= limit }) {
            out.append(face)
        }
        return out
    }

    /// Replaces each face by the short-range box that agrees with it best, if any agrees.
    static func preferShortRange(_ faces: [FaceDetection], short: [FaceDetection], agreement: Double) -> [FaceDetection] {
        faces.map { face in
            let best = short.max { iou($0.box, face.box) < iou($1.box, face.box) }
            if let best, iou(best.box, face.box) > agreement { return best }
            return face
        }
    }

    static func iou(_ a: PixelRect, _ b: PixelRect) -> Double {
        DetectionDecoder.iou(SIMD4(Double(a.minX), Double(a.minY), Double(a.maxX), Double(a.maxY)),
                             SIMD4(Double(b.minX), Double(b.minY), Double(b.maxX), Double(b.maxY)))
    }
}
