/// A web or print size cut from a finished headshot: data, like looks.
public struct OutputPreset: Codable, Sendable, Equatable {
    /// File-name suffix: `<look>-<name>.jpg`.
    public var name: String
    /// Output width in pixels.
    public var width: Int
    /// Output height in pixels.
    public var height: Int
    /// Where to place the eye line, as a fraction of the height from the top.
    public var eyeLine: Double

    /// Creates a preset.
    public init(name: String, width: Int, height: Int, eyeLine: Double) {
        self.name = name; self.width = width; self.height = height; self.eyeLine = eyeLine
    }

    /// The presets made for every look: square profile pictures and a 4:5 web bio.
    public static let standard: [OutputPreset] = [
        OutputPreset(name: "square-800", width: 800, height: 800, eyeLine: 0.4),
        OutputPreset(name: "square-400", width: 400, height: 400, eyeLine: 0.4),
        OutputPreset(name: "bio-4x5", width: 1080, height: 1350, eyeLine: 0.36),
    ]
}
