import Foundation

extension Look {
    /// The range every number of a look must lie in: what the studio's stages are built and
    /// checked for. A user's look file outside them is refused with the field named, instead of
    /// a 1-pixel-wide headshot or a face burnt white. Headshots below 400 px high are too small
    /// for the honesty check to place the face within an input pixel; the presets make small sizes.
    static let ranges: [(field: String, value: @Sendable (Look) -> Double, range: ClosedRange<Double>)] = [
        ("backdrop.mottle", { Double($0.backdrop.mottle) }, 0...1),
        ("backdrop.vignette", { Double($0.backdrop.vignette) }, 0...1),
        ("backdrop.glow", { Double($0.backdrop.glow) }, 0...1),
        ("backdrop.blur", { Double($0.backdrop.blur) }, 0...0.2),
        ("light.key", { Double($0.light.key) }, 0...1),
        ("light.azimuth", { Double($0.light.azimuth) }, -90...90),
        ("light.elevation", { Double($0.light.elevation) }, -90...90),
        ("light.clarity", { Double($0.light.clarity) }, 0...1),
        ("grade.exposure", { Double($0.grade.exposure) }, -2...2),
        ("grade.warmth", { Double($0.grade.warmth) }, -1...1),
        ("grade.saturation", { Double($0.grade.saturation) }, 0...2),
        ("grade.contrast", { Double($0.grade.contrast) }, -0.5...0.5),
        ("grade.blackLift", { Double($0.grade.blackLift) }, 0...0.1),
        ("framing.aspect", { $0.framing.aspect }, 0.5...2),
        ("framing.eyeLine", { $0.framing.eyeLine }, 0.25...0.5),
        ("framing.maxHeight", { Double($0.framing.maxHeight) }, 400...20_000),
    ]

    /// The longest look name; names become file names (`<name>.jpg`, `face2-<name>-cutout.png`).
    static let maxNameLength = 40

    /// Why this look cannot be used, in one sentence naming the field, or nil when it can.
    public var problem: String? {
        if let problem = Self.fileNameProblem(name) { return problem }
        // Float fields read back as Double are off by ~1e-8 (0.2 → 0.2000000030): a range end given
        // in the file still counts as inside.
        for (field, value, range) in Self.ranges
        where !(range.lowerBound - 1e-6 * max(1, abs(range.lowerBound))...range.upperBound + 1e-6 * max(1, abs(range.upperBound))).contains(value(self)) {
            return "\(field) is \(Self.plain(value(self))) but must be from \(Self.plain(range.lowerBound)) to \(Self.plain(range.upperBound))"
        }
        return nil
    }

    /// Why `name` cannot be part of an output file's name (a look's or a size's), or nil: 1 to
    /// `maxNameLength` letters, digits, - or _, not starting with -.
    static func fileNameProblem(_ name: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        guard name.isEmpty || name.count > maxNameLength || !name.allSatisfy(allowed.contains) || name.hasPrefix("-") else { return nil }
        return "name \"\(name)\" must be 1 to \(maxNameLength) letters, digits, - or _ (it names the output files), not starting with -"
    }

    /// A number as a person writes it: no trailing zeros.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(format: "%g", value)
    }
}
