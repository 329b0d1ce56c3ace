import EchtVision

/// What one photo's studio run produced, for people (`--json`) and the contact sheet.
public struct PhotoReport: Sendable, Codable {
    /// The input file.
    public var input: String
    /// The folder holding every output of this photo.
    public var folder: String
    /// Input size in pixels.
    public var width: Int, height: Int
    /// Faces found.
    public var faces: Int
    /// One entry per rendered face and look.
    public var headshots: [HeadshotReport]
    /// The contact sheet (HTML) and its PNG.
    public var sheet: String, sheetImage: String
    /// Wall-clock seconds for this photo.
    public var seconds: Double
    /// Whether every honesty check passed.
    public var passed: Bool { headshots.allSatisfy(\.honesty.passed) }
}

/// One finished headshot's files and figures.
public struct HeadshotReport: Sendable, Codable {
    /// The look's name.
    public var look: String
    /// The face, counting from 1 in largest-first order.
    public var face: Int
    /// The full-resolution JPEG.
    public var file: String
    /// Output size.
    public var width: Int, height: Int
    /// Preset files written.
    public var sizes: [String]
    /// The transparent PNG cut-out.
    public var cutout: String
    /// The honesty figures.
    public var honesty: HonestyReport
    /// The levelling rotation in degrees and source pixels per output pixel.
    public var levelDegrees: Double, scale: Double
    /// Notes for the user.
    public var notes: [String]
    /// The recorded edits.
    public var edits: [EditAction]
    /// Whether the files carry Content Credentials.
    public var signed: Bool
    /// What the photo's face was advised for (closed eyes, a turned head, …; see `PhotoAdvice`):
    /// a reason to look for another frame of the shoot.
    public var advice: [FaceIssue]
}

extension HeadshotReport {
    /// Reads a report; one written before reports had `advice` has none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        look = try c.decode(String.self, forKey: .look)
        face = try c.decode(Int.self, forKey: .face)
        file = try c.decode(String.self, forKey: .file)
        width = try c.decode(Int.self, forKey: .width)
        height = try c.decode(Int.self, forKey: .height)
        sizes = try c.decode([String].self, forKey: .sizes)
        cutout = try c.decode(String.self, forKey: .cutout)
        honesty = try c.decode(HonestyReport.self, forKey: .honesty)
        levelDegrees = try c.decode(Double.self, forKey: .levelDegrees)
        scale = try c.decode(Double.self, forKey: .scale)
        notes = try c.decode([String].self, forKey: .notes)
        edits = try c.decode([EditAction].self, forKey: .edits)
        signed = try c.decode(Bool.self, forKey: .signed)
        advice = try c.decodeIfPresent([FaceIssue].self, forKey: .advice) ?? []
    }
}
