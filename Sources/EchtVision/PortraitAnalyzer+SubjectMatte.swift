import EchtImaging
import EchtInference

extension PortraitAnalyzer {
    /// One person's matte: the selfie model runs on `region` of the photo (the subject's head
    /// and shoulders, so the person fills the model's input as in a selfie), the mask is split
    /// among `faces` (`SubjectPartition`: bystanders and neighbours, even touching ones, are
    /// removed) and refined to full resolution within the region only. The result's origin is
    /// the region's top-left pixel; alpha is 0 outside the region. With neighbours' claims
    /// (`claim(for:among:in:region:)` on their own regions), cells they own more surely go too.
    /// - Parameters:
    ///   - face: the subject; it need not be one of `faces`.
    ///   - faces: every face found in the photo (the subject's own entry is recognised and skipped).
    ///   - region: photo pixels to matte, clipped to the photo; an empty one means the whole photo.
    ///   - neighbours: other people's claims; those overlapping the region settle shared cells.
    public func subjectMatte(for face: Face, among faces: [Face], in image: Image, region: PixelRect,
                             neighbours: [SubjectClaim] = []) throws(VisionError) -> PersonMatte {
        subjectMatte(for: try claim(for: face, among: faces, in: image, region: region), neighbours: neighbours, in: image)
    }

    /// The matte of the person of `claim`, settled against `neighbours` (see above). With
    /// `within` (photo pixels) the full-resolution pass writes only that part of the claim's
    /// region (see `preparedMatte`).
    public func subjectMatte(for claim: SubjectClaim, neighbours: [SubjectClaim], in image: Image,
                             within: PixelRect? = nil) -> PersonMatte {
        preparedMatte(for: claim, neighbours: neighbours, in: image).matte(within: within)
    }

    /// `subjectMatte` up to its full-resolution pass, which the result runs on the part of the
    /// claim's region a caller needs (e.g. only where the person's frames are): the same values
    /// there, in a fraction of the time and memory.
    /// `levels`: the photo side of the claim's region (`matteLevels`), made earlier; nil makes it here.
    public func preparedMatte(for claim: SubjectClaim, neighbours: [SubjectClaim], in image: Image,
                              levels: PhotoLevels? = nil) -> PreparedMatte {
        let (coarse, others) = claim.share(against: neighbours)
        let refiner = MatteRefiner(options: options.matte)
        let levels = levels ?? refiner.levels(of: Self.photo(of: image, in: claim.region))
        precondition(levels.width == Int(claim.region.width) && levels.height == Int(claim.region.height),
                     "photo levels of another region than the claim's")
        let plain = claim.cut.contains(true)
            ? Image(width: coarse.width, height: coarse.height, channels: 1, pixels: claim.cut.map { $0 ? 1 : 0 }) : nil
        var prepared = refiner.prepare(coarseMask: coarse, levels: levels, others: others, plain: plain)
        prepared.originX = Int(claim.region.minX); prepared.originY = Int(claim.region.minY)
        return prepared
    }

    /// The photo side of the matte of `claimRegion` (whole pixels): made while the selfie model
    /// runs on it (`claim`), then handed to `preparedMatte`.
    public func matteLevels(of image: Image, in claimRegion: PixelRect) -> PhotoLevels {
        MatteRefiner(options: options.matte).levels(of: Self.photo(of: image, in: claimRegion))
    }

    /// The region (whole pixels, clipped) that `claim(for:among:in:region:)` gives the model for `face`.
    public func claimRegion(for face: Face, among faces: [Face], in image: Image, region: PixelRect) -> PixelRect {
        Self.pixelRegion(region, width: image.width, height: image.height, alone: faces.allSatisfy { $0 == face })
    }

    /// The part of `image` inside `region` (whole pixels).
    static func photo(of image: Image, in region: PixelRect) -> Image {
        image.cropped(x: Int(region.minX), y: Int(region.minY), width: Int(region.width), height: Int(region.height))
    }

    /// The person of `face`'s share of the selfie model's mask on `region`: the first half of
    /// `subjectMatte`, which other people's mattes use to settle the cells both own.
    public func claim(for face: Face, among faces: [Face], in image: Image, region: PixelRect) throws(VisionError) -> SubjectClaim {
        let crop = claimRegion(for: face, among: faces, in: image, region: region)
        let segmenter = segmenter, split = options.matteSubjectsOnly
        // The model's looks and the region's sharpness read the photo only: they run at once, the
        // sharpness (the longest: ~18 ms on the 14 MP photo against ~10 ms a look) first, so that
        // on two cores the two looks run one after the other beside it.
        let (sharpness, first, wide) = Concurrently.run({ split ? DefocusMap(image: image, region: crop) : nil }, {
            Result { () throws(VisionError) -> (Tensor, Image) in
                // One sampling of the region serves the model and the colour guide of the split below.
                let input = SelfieSegmenter.input(for: image, region: crop)
                return (input, try segmenter.coarseMask(input: input))
            }
        }, {
            // A wider look fills a lone person's body where the first look is unsure of it
            // (`ContextView`); beside other people the wide look runs them together.
            Result { () throws(VisionError) -> (mask: Image, region: PixelRect)? in
                guard faces.allSatisfy({ $0 == face }) else { return nil }
                let wideRegion = ContextView.region(around: crop)
                return (try segmenter.coarseMask(for: image, region: wideRegion), wideRegion)
            }
        })
        let (input, firstLook) = try first.get()
        var raw = firstLook
        let guide = SelfieSegmenter.guide(input: input)
        if let wide = try wide.get() {
            raw = ContextView.lifting(raw, region: crop, wide: wide.mask, wideRegion: wide.region, guide: guide)
        }
        guard options.matteSubjectsOnly else {
            return SubjectClaim(face: face, region: crop, mask: raw, distance: [Float](repeating: 0, count: raw.pixels.count))
        }
        let everyone = [face] + faces.filter { $0 != face }
        // The old backdrop the model took for person beside the head (a drape framed by hat and
        // shoulder) is looked for on the model's own mask and colours while the subject's share
        // of it is worked out. Its doubt and colour samples come from the first look: the wide look
        // can be sure of a drape. A lone subject's cells are asked then too (those the share can
        // hold: `raw`'s); in a group, where the claims run at once and the share is a small part
        // of `raw`, only the share's, after it.
        let alone = faces.allSatisfy { $0 == face }
        let (share, search) = Concurrently.run({ () -> (owner: [Int], distance: [Float], mask: Image, cut: [Bool]) in
            let (partition, distance) = SubjectPartition.owners(of: raw, guide: guide, region: crop, faces: everyone.map(\.detection.box),
                                                                spans: everyone.map { f in
                f.landmarks.flatMap { HeadSpan(mesh: $0, box: f.detection.box, others: everyone.filter { $0 != f }.map(\.detection.box)) }
            })
            var owner = partition
            var mask = raw
            var cut: [Bool] = []
            for i in mask.pixels.indices where owner[i] != 0 && mask.pixels[i] > SubjectPartition.background { mask.pixels[i] = 0 }
            // Blurred bystanders touching the subject, whom no face split can remove.
            if let map = sharpness {
                let (kept, removed, plain) = DefocusedBystanders.removing(from: mask, map: map, region: crop, photoWidth: image.width,
                                                                             face: face.detection.box)
                if removed {
                    for i in mask.pixels.indices where kept.pixels[i] == 0 && mask.pixels[i] > 0 { owner[i] = -1 }
                    cut = plain
                    mask = kept
                }
            }
            return (owner, distance, mask, cut)
        }, {
            BackdropLookalikes.Search(raw: firstLook, guide: guide, region: crop, face: face.detection.box, within: alone ? raw : nil)
        })
        var owner = share.owner, mask = share.mask
        let backdrop = search.cells(mask: mask)
        for i in mask.pixels.indices where backdrop[i] { mask.pixels[i] = 0; owner[i] = -1 }
        return SubjectClaim(face: face, region: crop, mask: mask, distance: owner.indices.map { owner[$0] == 0 ? share.distance[$0] : .infinity },
                            others: owner.indices.map { owner[$0] > 0 && raw.pixels[$0] > SubjectPartition.background }, cut: share.cut)
    }

    /// `region` rounded outwards to whole pixels and clipped to the photo; the whole photo when
    /// nothing of it is left, or when the subject is `alone` in the photo and the region holds
    /// most of it anyway (a portrait: no copy of the photo is then made). In a group, a
    /// person's own region gives the model the larger view of them.
    static func pixelRegion(_ region: PixelRect, width: Int, height: Int, alone: Bool = false) -> PixelRect {
        let whole = PixelRect(minX: 0, minY: 0, maxX: Float(width), maxY: Float(height))
        let x0 = max(0, Int(region.minX.rounded(.down))), y0 = max(0, Int(region.minY.rounded(.down)))
        let x1 = min(width, Int(region.maxX.rounded(.up))), y1 = min(height, Int(region.maxY.rounded(.up)))
        guard x1 - x0 >= 2, y1 - y0 >= 2 else { return whole }
        if alone, Double((x1 - x0) * (y1 - y0)) >= wholePhotoShare * Double(width * height) { return whole }
        return PixelRect(minX: Float(x0), minY: Float(y0), maxX: Float(x1), maxY: Float(y1))
    }

    /// A lone subject's region holding at least this share of the photo's area is widened to the whole photo.
    static let wholePhotoShare = 0.8
}
