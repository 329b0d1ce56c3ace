/// The measured honesty of one output: geometry, texture, and what was synthesised.
public struct HonestyReport: Sendable, Equatable, Codable {
    /// Mean distance, in input pixels, between the landmarks found on the output (mapped back
    /// through the recorded transform) and those found on the input; nil when not re-detected.
    public var landmarkErrorMean: Double?
    /// The largest such distance.
    public var landmarkErrorMax: Double?
    /// Skin high-frequency energy of the output relative to the input (1 = all texture kept).
    public var skinTextureKept: Double
    /// True when every pixel with any person coverage comes from the photo, so only backdrop
    /// pixels were generated.
    public var onlyBackdropGenerated: Bool
    /// Share of the frame filled with generated backdrop, 0...1.
    public var generatedShare: Double

    /// Creates a report.
    public init(landmarkErrorMean: Double?, landmarkErrorMax: Double?, skinTextureKept: Double,
                onlyBackdropGenerated: Bool, generatedShare: Double) {
        self.landmarkErrorMean = landmarkErrorMean; self.landmarkErrorMax = landmarkErrorMax
        self.skinTextureKept = skinTextureKept; self.onlyBackdropGenerated = onlyBackdropGenerated
        self.generatedShare = generatedShare
    }

    /// Quality bars from the design: landmarks within 1 px, ≥ 80 % texture kept.
    public static let maxLandmarkError = 1.0
    /// Minimum share of skin texture energy kept.
    public static let minTextureKept = 0.8

    /// The checks that failed, in plain words (empty when all pass).
    public var failures: [String] {
        var out: [String] = []
        if let e = landmarkErrorMean, e > Self.maxLandmarkError {
            out.append(String(format: "landmarks moved %.2f px on average (limit %.1f px)", e, Self.maxLandmarkError))
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
