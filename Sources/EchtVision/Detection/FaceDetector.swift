import EchtImaging
import EchtInference
import Foundation

/// Finds faces with both BlazeFace models and merges their answers.
///
/// Search order:
/// 1. the full-range model on the whole image (letterboxed), which decides which faces exist;
/// 2. when `Options.searchTiles` is on and the photo is not a close-up, the full-range model
///    again on the overlapping tiles of a `TilePlan`, so that faces too small for the
///    whole-image pass are found. Tile hits that touch an inner tile edge (cut faces) are
///    dropped, the rest are merged across tiles with weighted NMS in image pixels, and a merged
///    face is kept when it overlaps no face of step 1 by more than `Options.mergeOverlap`;
/// 3. in dim photos (see `DimInput`) every pass also runs on a brightness-normalised input;
/// 4. the short-range model on the whole image; its box replaces a full-range box of the same
///    face (IoU above `Options.shortRangeAgreement`), because it fits large faces more tightly
///    and is what MediaPipe's FaceMesh uses.
/// Faces tilted in-plane up to about ±45° are found by the models directly. These are detector
/// hits only; `PortraitAnalyzer` confirms each with the mesh model's presence score, and for a
/// hit the mesh rejects asks `zoomedProposals` for the short-range model's boxes on zoomed
/// squares around it.
public struct FaceDetector: Sendable {
    /// Tunable parameters; the defaults are the ones the evaluation in the README was run with.
    public struct Options: Sendable, Equatable {
        /// Also search overlapping tiles with the full-range model (finds faces in crowds).
        public var searchTiles: Bool = true
        /// Smallest face side to search for, in pixels.
        public var smallestFacePixels: Double = 16
        /// Smallest face side to search for, as a fraction of the longer image edge (the larger
        /// of the two limits applies, so 12 MP photos are not searched for 16 px faces).
        public var smallestFaceFraction: Double = 0.02
        /// Smallest face side the full-range model resolves, in its 192 input pixels.
        public var smallestTensorFace: Double = 16
        /// Fraction of a tile's side shared with its neighbours.
        public var tileOverlap: Double = 0.25
        /// No tiles smaller than this many pixels.
        public var minimumTileSide: Double = 160
        /// No tiling when the whole-image pass finds a face this large relative to the shorter
        /// image edge: the photo is a close-up portrait.
        public var closeUpFaceFraction: Double = 0.2
        /// Also run every pass on a brightness-normalised input when the input is dim.
        public var normaliseDimInput: Bool = true
        /// Lowest detector score a tile hit may have. Hits below the model's own threshold
        /// (`questionable`) are kept only when the mesh is sure a face is there
        /// (`PortraitAnalyzer.Options.questionablePresence`, or `zoomPresence` on a zoomed
        /// proposal). At 0.3 the tiles find the dim 22 px girl of the low-light photo (0.36).
        public var questionableScore: Double = 0.3
        /// Intersection over the smaller box above which a tile's box is a face already found.
        public var mergeOverlap: Double = 0.5
        /// IoU above which a short-range box is taken as the same face as a full-range box.
        public var shortRangeAgreement: Double = 0.5
        /// Sides, in multiples of a candidate's box, of the squares centred on it that the
        /// short-range model searches again for `zoomedProposals`. At 3× the faces it adds
        /// reach mesh presence 0.92–1.00 and no non-face passes 0.43; 2× adds no face and lifts
        /// non-faces to 0.56.
        public var zoomFactors: [Double] = [3]
        /// Lowest short-range score a zoomed proposal may have: proposals are only crops for the
        /// mesh, which decides.
        public var zoomProposalScore: Double = 0.05
        /// IoU with the candidate's box above which a zoomed proposal is the same face.
        public var zoomAgreement: Double = 0.3
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
        try detectCandidates(in: image).map(\.detection)
    }

    /// Every face in the image with the other boxes found for it, largest box first.
    /// A photo whose shorter side is below `Options.smallestFacePixels` holds no face the search
    /// looks for and is not searched (a strip a few pixels wide gave a thousand false hits).
    public func detectCandidates(in image: Image) throws(VisionError) -> [FaceCandidate] {
        guard Double(min(image.width, image.height)) >= options.smallestFacePixels else { return [] }
        let whole = DetectorModel.wholeImage(width: image.width, height: image.height)
        // The two whole-image runs at once, then the tiles (when no close-up face makes them
        // needless) all at once; the results are merged in the order of one run after another.
        let (firstRun, shortRun) = Concurrently.run({ Result { () throws(VisionError) in try detect(.fullRange, in: image, region: whole) } },
                                                    { Result { () throws(VisionError) in try detect(.shortRange, in: image, region: whole) } })
        let first = try firstRun.get()
        var faces = first.map { FaceCandidate(detection: $0) }
        let shortEdge = Float(min(image.width, image.height))
        let closeUp = first.contains { max($0.box.width, $0.box.height) >= Float(options.closeUpFaceFraction) * shortEdge }
        if options.searchTiles && !closeUp {
            let tiles = tilePlan(width: image.width, height: image.height).tiles
            let found = Concurrently.map(tiles.count) { k in
                Result { () throws(VisionError) in
                    try detect(.fullRange, in: image, region: tiles[k], threshold: options.questionableScore)
                        .filter { !Self.touchesInnerEdge($0.box, of: tiles[k], width: image.width, height: image.height) }
                }
            }
            var tileFaces: [FaceDetection] = []
            for result in found { tileFaces += try result.get() }
            faces = Self.mergeTiles(kept: faces, tiles: FaceCandidate.clusters(tileFaces), overlap: options.mergeOverlap)
        }
        let short = try shortRun.get()
        faces = Self.preferShortRange(faces, short: short, agreement: options.shortRangeAgreement)
        return faces.sorted { $0.detection.box.width * $0.detection.box.height > $1.detection.box.width * $1.detection.box.height }
    }

    /// The short-range model's boxes for the face `box` may hold, found on squares of
    /// `Options.zoomFactors` × its side centred on it, where a small face fills the model's
    /// input as the faces it was trained on do. They are crop proposals for the mesh model
    /// (see `PortraitAnalyzer.zoomConfirm`), best score first; even low-scoring ones give
    /// the mesh crops that fit a small face better than the tiles' boxes.
    public func zoomedProposals(around box: PixelRect, in image: Image) throws(VisionError) -> [FaceDetection] {
        let centre = SIMD2(Double(box.center.x), Double(box.center.y)), side = Double(max(box.width, box.height))
        var out: [FaceDetection] = []
        for factor in options.zoomFactors {
            out += try detect(.shortRange, in: image, region: RotatedRect(center: centre, side: side * factor),
                              threshold: options.zoomProposalScore).filter { Self.iou($0.box, box) > options.zoomAgreement }
        }
        return out.sorted { $0.score > $1.score }
    }

    /// Whether a detection scored below the full-range model's own threshold and needs a
    /// stricter confirmation.
    public static func isQuestionable(_ detection: FaceDetection) -> Bool {
        Double(detection.score) < DetectorModel.fullRange.scoreThreshold
    }

    /// The tiles searched for an image of this size (none when tiling is off).
    public func tileCount(width: Int, height: Int) -> Int {
        options.searchTiles ? tilePlan(width: width, height: height).tiles.count : 0
    }

    func tilePlan(width: Int, height: Int) -> TilePlan { Self.tilePlan(width: width, height: height, options: options) }

    /// The tile plan `options` give for a `width × height` image.
    static func tilePlan(width: Int, height: Int, options: Options) -> TilePlan {
        let smallest = max(options.smallestFacePixels, options.smallestFaceFraction * Double(max(width, height)))
        return TilePlan(width: width, height: height, smallestFace: smallest, smallestTensorFace: options.smallestTensorFace,
                        inputSize: DetectorModel.fullRange.inputSize, minimumTileSide: options.minimumTileSide,
                        overlap: options.tileOverlap)
    }

    /// Runs one detector on one square region.
    /// `threshold` overrides the model's score threshold.
    func detect(_ kind: DetectorModel, in image: Image, region: RotatedRect, threshold: Double? = nil) throws(VisionError) -> [FaceDetection] {
        let runner = kind == .shortRange ? shortRange : fullRange
        let input = kind.input(for: image, region: region)
        var faces = try kind.detections(from: runner.run(input, expectedOutputs: 2), region: region, threshold: threshold)
        if options.normaliseDimInput, let brighter = DimInput.normalised(input) {
            let extra = try kind.detections(from: runner.run(brighter, expectedOutputs: 2), region: region, threshold: threshold)
            faces = Self.mergeTiles(kept: faces, tiles: extra, overlap: options.mergeOverlap)
        }
        return faces
    }

    /// Whether a tile's box reaches within 2% of the tile side of an edge that is not an image
    /// edge: the face may be cut there and is left to a neighbouring tile.
    static func touchesInnerEdge(_ box: PixelRect, of tile: RotatedRect, width: Int, height: Int) -> Bool {
        let margin = Float(tile.width * 0.02)
        let minX = Float(tile.center.x - tile.width / 2), maxX = Float(tile.center.x + tile.width / 2)
        let minY = Float(tile.center.y - tile.height / 2), maxY = Float(tile.center.y + tile.height / 2)
        return (minX > margin && box.minX < minX + margin) || (maxX < Float(width) - margin && box.maxX > maxX - margin)
            || (minY > margin && box.minY < minY + margin) || (maxY < Float(height) - margin && box.maxY > maxY - margin)
    }

    /// Weighted NMS over detections in image pixels (boxes and keypoints blended by score).
    static func weightedNonMaxSuppression(_ faces: [FaceDetection]) -> [FaceDetection] {
        let raw = faces.map { f in
            RawDetection(box: SIMD4(Double(f.box.minX), Double(f.box.minY), Double(f.box.maxX), Double(f.box.maxY)),
                         keypoints: f.keypoints.map { SIMD2<Double>($0) }, score: Double(f.score))
        }
        return DetectionDecoder.weightedNonMaxSuppression(raw).map { d in
            FaceDetection(box: PixelRect(minX: Float(d.box.x), minY: Float(d.box.y), maxX: Float(d.box.z), maxY: Float(d.box.w)),
                          keypoints: d.keypoints.map { SIMD2(Float($0.x), Float($0.y)) }, score: Float(d.score))
        }
    }

    /// Intersection over the smaller box's area.
    static func overlap(_ a: PixelRect, _ b: PixelRect) -> Float {
        let ix = max(0, min(a.maxX, b.maxX) - max(a.minX, b.minX)), iy = max(0, min(a.maxY, b.maxY) - max(a.minY, b.minY))
        let smaller = min(a.width * a.height, b.width * b.height)
        return smaller > 0 ? ix * iy / smaller : 0
    }

    /// Keeps `kept` and adds tile candidates (best first) that overlap nothing kept so far;
    /// a tile candidate that does overlap a kept face adds its boxes to that face's alternatives.
    static func mergeTiles(kept: [FaceCandidate], tiles: [FaceCandidate], overlap limit: Double) -> [FaceCandidate] {
        var out = kept
        for candidate in tiles.sorted(by: { $0.detection.score > $1.detection.score }) {
            if let index = out.firstIndex(where: { Double(overlap($0.detection.box, candidate.detection.box)) > limit }) {
                out[index].alternatives += [candidate.detection] + candidate.alternatives
            } else {
                out.append(candidate)
            }
        }
        return out
    }

    /// Detections only: keeps `kept` and adds the tile boxes that overlap nothing kept so far.
    static func mergeTiles(kept: [FaceDetection], tiles: [FaceDetection], overlap limit: Double) -> [FaceDetection] {
        mergeTiles(kept: kept.map { FaceCandidate(detection: $0) }, tiles: tiles.map { FaceCandidate(detection: $0) }, overlap: limit)
            .map(\.detection)
    }

    /// Replaces each face by the short-range box that agrees with it best, if any agrees; the
    /// full-range box becomes the first alternative.
    static func preferShortRange(_ faces: [FaceCandidate], short: [FaceDetection], agreement: Double) -> [FaceCandidate] {
        faces.map { face in
            let best = short.max { iou($0.box, face.detection.box) < iou($1.box, face.detection.box) }
            if let best, iou(best.box, face.detection.box) > agreement {
                return FaceCandidate(detection: best, alternatives: [face.detection] + face.alternatives)
            }
            return face
        }
    }

    static func iou(_ a: PixelRect, _ b: PixelRect) -> Double {
        DetectionDecoder.iou(SIMD4(Double(a.minX), Double(a.minY), Double(a.maxX), Double(a.maxY)),
                             SIMD4(Double(b.minX), Double(b.minY), Double(b.maxX), Double(b.maxY)))
    }
}
