/// The measured honesty of one output: geometry, texture, and what was synthesised.
public struct HonestyReport: Sendable, Equatable, Codable {
    /// Mean distance, in input pixels, between the landmarks found on the output (mapped back
    /// through the recorded transform) and those found on the input; nil when not re-detected.
    public var landmarkErrorMean: Double?
    /// The largest such distance.
    public var landmarkErrorMax: Double?
    /// The landmark limit in input pixels: four pixels of the face-mesh model's 192-px input
    /// crop, at least 1 px. Re-running the mesh on resampled pixels repeats itself only to
    /// 0.25–3.5 of those pixels (measured on 51 dev-photo outputs; 3.5 on a 45° head turn), so this
    /// check catches a wrong, flipped or badly warped face; the sub-pixel bar is `geometryError`.
    public var landmarkLimit: Double
    /// The largest displacement over the face, in input pixels, between the output and the input
    /// rendered through the recorded transform (`GeometryRegistration`); nil when not measured.
    public var geometryError: Double?
    /// Skin high-frequency energy of the output relative to the input (1 = all texture kept).
    public var skinTextureKept: Double
    /// True when every pixel with any person coverage comes from the photo, so only backdrop
    /// pixels were generated.
    public var onlyBackdropGenerated: Bool
    /// Share of the frame made up, 0...1: the backdrop where it is painted; where the look keeps
    /// the photo's own background, only what was filled (behind the person's edge, past the
    /// photo's edge), weighed by how much of each pixel is backdrop.
    public var generatedShare: Double

    /// Creates a report.
    public init(landmarkErrorMean: Double?, landmarkErrorMax: Double?, landmarkLimit: Double = 1, geometryError: Double? = nil,
                skinTextureKept: Double, onlyBackdropGenerated: Bool, generatedShare: Double) {
        self.landmarkErrorMean = landmarkErrorMean; self.landmarkErrorMax = landmarkErrorMax; self.landmarkLimit = landmarkLimit
        self.geometryError = geometryError
        self.skinTextureKept = skinTextureKept; self.onlyBackdropGenerated = onlyBackdropGenerated
        self.generatedShare = generatedShare
    }

    /// The landmark limit for a face whose detection box is `faceSize` input pixels high:
    /// max(1 px, four pixels of the mesh model's input crop, which spans 1.5 × the face box).
    public static func landmarkLimit(faceSize: Double) -> Double { max(1, 4 * 1.5 * faceSize / 192) }
    /// The geometry limit of the registration check, in input pixels.
    public static let geometryLimit = 1.0
    /// Minimum share of skin texture energy kept.
    public static let minTextureKept = 0.8

    /// The checks that failed, in plain words (empty when all pass).
    public var failures: [String] {
        var out: [String] = []
        if let e = landmarkErrorMean, e > landmarkLimit {
            out.append(String(format: "landmarks moved %.2f px on average (limit %.2f px)", e, landmarkLimit))
        }
        if let g = geometryError, g > Self.geometryLimit {
            out.append(String(format: "the face sits %.2f px away from where the recorded crop puts it (limit %.0f px)", g, Self.geometryLimit))
        }
        if skinTextureKept < Self.minTextureKept {
            out.append(String(format: "skin texture kept %.0f %% (limit %.0f %%)", skinTextureKept * 100, Self.minTextureKept * 100))
        }
        if !onlyBackdropGenerated { out.append("person pixels fall outside the photo") }
        return out
    }

    /// Whether every check passed.
    public var passed: Bool { failures.isEmpty }
}

import Foundation
