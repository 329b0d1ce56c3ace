import EchtTestSupport
import EchtImaging
import Foundation
import Testing
@testable import EchtVision

/// Face counts over `../shared/photos/dev` against what `SOURCES.md` says each photo holds.
@Suite(.enabled(if: VisionModels.available && Fixtures.devPhotos != nil,
                "needs ../shared/photos/dev, the models and a working interpreter"))
struct DevPhotoEvaluationTests {
    /// (file, true face count, accepted range this pipeline must reach). The crowd and low-light
    /// counts were made by eye on 1:1 and 2× to 5× crops (see the comments); the lower bound of
    /// the range is what the pipeline finds today, so a regression fails.
    static let table: [(String, String, ClosedRange<Int>)] = [
        ("portrait-official-studio-obama-01.jpg", "1", 1...1),
        ("portrait-astronaut-nasa-01.png", "1", 1...1),
        ("portrait-small-225px-glasses-mustache-01.jpg", "1", 1...1),
        ("portrait-tiny-115px-glasses-01.png", "1", 1...1),
        ("portrait-red-hat-kodak-01.png", "1", 1...1),
        ("portrait-2282px-smile-dark-bg-01.jpg", "1", 1...1),
        ("portrait-xlarge-4600px-beard-cluttered-01.jpg", "1", 1...1),
        ("portrait-glasses-beard-blue-studio-01.jpg", "1", 1...1),
        ("portrait-facepaint-dark-skin-01.png", "1", 1...1),
        ("portrait-backlit-golden-hour-head-turn-01.png", "1", 1...1),
        ("portrait-profile-bw-camera-occlusion-01.png", "1", 1...1),
        ("portrait-eyes-closed-plain-bg-01.jpg", "1", 1...1),
        ("portrait-baby-crying-hood-01.jpg", "1", 1...1),
        ("portrait-outdoor-natural-light-01.png", "1", 1...1),
        ("portrait-elderly-cap-glasses-outdoor-01.jpg", "1", 1...1),
        ("group-2faces-indoor-obama-biden-01.jpg", "2", 2...2),
        ("group-3faces-apollo11-01.jpg", "3", 3...3),
        ("group-5faces-office-01.jpg", "5", 5...5),
        // 27 faces by eye: 16 unoccluded and 11 partly hidden by hands, fists, cameras or the
        // frame edge. Found: 15 of the 16 (not the woman in sunglasses at (147, 120): no crop of
        // her reaches the mesh's bar; mirrored, a flipped crop does) and 4 of the 11 (the woman
        // at (815, 148), hands at her face, through a tile box scoring 0.3-0.4; the man in the
        // red cap with a fist over his mouth at (414, 253), on a flipped crop, presence 0.91).
        // The detector finds most of the others (the camera at (449, 27), the boy looking down
        // at (968, 75)), but no crop of them, zoomed proposals included, reaches the mesh's bar.
        // Shifted, rescaled or exposure-normalised crops lift the sunglasses woman to 0.99 on the
        // first mesh pass and 0.70-0.91 on the second, as high as the toddler's ear of the
        // back-view photo (0.96 on both), so only dim, small candidates get them
        // (`DimCropRetry`, docs/measurements/dim-crop-retry.md); none of the crowd's is dim.
        ("group-crowd-many-small-faces-01.jpg", "27", 19...27),
        // 7 faces by eye: 5 clear (2 men, the woman in the brown hat, the woman in the visor in
        // profile, the girl at the right edge), the child in yellow looking down and a person
        // far behind. Found: the 2 men, the girl at the right edge (a tile hit scoring 0.36),
        // the child (15 px, only through the zoomed proposals) and the woman in the brown hat
        // at (411, 236) (22 px, crop luma median 0.09: only on a crop 0.85× as wide,
        // `DimCropRetry`, both mesh passes 0.94 and 0.98). The woman in the visor at (564, 240)
        // is detected, but as is no crop, shifted, rescaled, flipped or exposure-normalised,
        // keeps the second mesh pass above 0.2.
        ("lowlight-people-forest-01.jpg", "7", 5...7),
        // Faces of a few pixels: below what the models can see.
        ("tiny-faces-beach-scene-01.jpg", "0 resolvable", 0...1),
        ("person-back-view-no-face-01.jpg", "0", 0...0),
        ("negative-coffee-01.png", "0", 0...0),
        ("negative-cat-01.png", "0", 0...0),
    ]

    /// Every photo of `table` analysed once (no matte), shared by the tests of this suite; nil
    /// for a photo that is missing.
    static let analyses: [String: Result<PortraitAnalysis, VisionError>] = {
        var out: [String: Result<PortraitAnalysis, VisionError>] = [:]
        for (file, _, _) in table {
            let url = Fixtures.devPhotos!.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path), let image = try? ImageFile.decode(contentsOf: url).image else { continue }
            out[file] = Result { () throws(VisionError) in try VisionModels.analyzer!.analyse(image, matte: false) }
        }
        return out
    }()

    /// Every photo of `table` whose count is exact keeps it once `transform`ed; `what` names the
    /// transformation in a failure.
    func exactCountsHold(_ what: String, _ transform: (Image) throws -> Image) throws {
        for (file, expected, accepted) in Self.table where accepted.lowerBound == accepted.upperBound {
            let url = Fixtures.devPhotos!.appendingPathComponent(file)
            guard let image = try? ImageFile.decode(contentsOf: url).image else {
                Issue.record("missing dev photo \(file)")
                continue
            }
            let count = try VisionModels.analyzer!.faces(in: transform(image)).count
            #expect(count == accepted.lowerBound, "\(file) \(what): \(count) faces, expected \(expected)")
        }
    }

    /// The photos whose count is exact keep it mirrored (issue #4's mirror invariance): the
    /// backlit head-turn portrait lost its face mirrored until the mesh also ran on flipped crops.
    @Test func mirroredPhotosKeepExactCounts() throws {
        try exactCountsHold("mirrored") { TestImages.mirrored($0) }
    }

    /// The photos whose count is exact keep it scaled (Lanczos, in linear light): scaled 1.3×
    /// (and 1.25× by libvips on the sRGB bytes), the Apollo 11 photo gave Armstrong's ear as a
    /// fourth face until parts of larger faces were dropped.
    @Test(arguments: [0.8, 1.25, 1.3])
    func scaledPhotosKeepExactCounts(factor: Double) throws {
        try exactCountsHold("scaled \(factor)×") { try $0.resized(by: factor) }
    }

    /// The photos whose count is exact keep it in black and white saved as JPEG (quality 60), as
    /// photographers deliver them: the elderly outdoor portrait gave a shirt button under his
    /// face as a second, 16 px face until faces on a far larger face's chest were dropped, and
    /// the office photo its man looking down twice until a second fit of a head was dropped.
    @Test func blackAndWhiteJPEGCopiesKeepExactCounts() throws {
        try exactCountsHold("in black and white") { image in
            let jpeg = try ImageFile.encode(Self.blackAndWhite(image), options: EncodeOptions(format: .jpeg, quality: 60))
            return try ImageFile.decode(data: jpeg).image
        }
    }

    /// `image` (linear RGB) as grey: its relative luminance in all three channels. A grey image
    /// is returned as it is.
    static func blackAndWhite(_ image: Image) -> Image {
        guard image.channels >= 3 else { return image }
        var out = image
        for i in stride(from: 0, to: image.pixels.count, by: image.channels) {
            let y = 0.2126 * image.pixels[i] + 0.7152 * image.pixels[i + 1] + 0.0722 * image.pixels[i + 2]
            for k in 0..<3 { out.pixels[i + k] = y }
        }
        return out
    }

    /// No face of the dev photos as stored is flagged upside down; of the single portraits
    /// stored upside down, those whose face the search finds there (the others are found only
    /// once turned, as the studio does) have it flagged, but the crying baby's close-up (926 px
    /// box in a 853 px high photo: turned 0.14 higher than as shown, under the 0.15 margin).
    @Test func upsideDownFacesAreFlagged() throws {
        for (file, _, _) in Self.table {
            guard let analysis = try Self.analyses[file]?.get() else { continue }
            #expect(!analysis.faces.contains { $0.issues.contains(.upsideDown) }, "\(file)")
        }
        var flagged: [String] = []
        for (file, _, accepted) in Self.table where file.hasPrefix("portrait") && accepted == 1...1 {
            let image = try ImageFile.decode(contentsOf: Fixtures.devPhotos!.appendingPathComponent(file)).image
            guard let face = try VisionModels.analyzer!.analyse(image.quarterTurned(clockwise: 2), matte: false).faces.first else { continue }
            if face.issues.contains(.upsideDown) { flagged.append(file) }
            #expect(face.issues.contains(.upsideDown) || file == "portrait-baby-crying-hood-01.jpg", "\(file) upside down: \(face.issues)")
        }
        #expect(flagged.count >= 6, "\(flagged)")
    }

    @Test func faceCountsMatchSources() throws {
        var rows: [String] = []
        for (file, expected, accepted) in Self.table {
            guard let analysis = try Self.analyses[file]?.get() else {
                Issue.record("missing dev photo \(file)")
                continue
            }
            rows.append("| \(file) | \(analysis.faces.count) | \(expected) | \(analysis.unconfirmedDetections.count) |")
            #expect(accepted.contains(analysis.faces.count), "\(file): \(analysis.faces.count) faces, expected \(expected)")
        }
        print((["| photo | faces found | expected | unconfirmed |", "|---|---|---|---|"] + rows).joined(separator: "\n"))
    }
}
