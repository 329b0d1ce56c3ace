import EchtImaging
import Foundation

extension Look {
    /// The looks that ship with Echt, by name, decoded from the JSON documents below
    /// (`echt studio --look NAME`). Users copy one of these documents to make their own.
    public static let builtIn: [String: Look] = {
        var looks: [String: Look] = [:]
        for (name, json) in builtInDocuments {
            // The documents are part of the program; a decoding failure is a programming error.
            let look = try! JSONDecoder().decode(Look.self, from: Data(json.utf8))
            precondition(look.name == name, "built-in look \(name) names itself \(look.name)")
            looks[name] = look
        }
        return looks
    }()

    /// The looks rendered when the user names none.
    public static let defaultNames = ["professional", "artistic", "relaxed"]

    /// A built-in look by name, or a look file (`.json`) at that path.
    public static func named(_ nameOrPath: String) throws(StudioError) -> Look {
        if let look = builtIn[nameOrPath] { return look }
        if nameOrPath.hasSuffix(".json") || nameOrPath.contains("/") {
            return try load(from: URL(fileURLWithPath: nameOrPath))
        }
        throw .unknownLook(nameOrPath, known: builtIn.keys.sorted())
    }

    /// Loads a user's look document.
    public static func load(from url: URL) throws(StudioError) -> Look {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .unreadableLook(url.path, reason: SystemReason.text(for: error)) }
        let look: Look
        do { look = try JSONDecoder().decode(Look.self, from: data) } catch let error as DecodingError {
            throw .unreadableLook(url.path, reason: error.plainDescription(decoding: data))
        } catch {
            throw .unreadableLook(url.path, reason: "\(error)")
        }
        if let field = unknownField(in: data) {
            throw .unreadableLook(url.path, reason: "\(field) is not a field of a look (a typo? every field is in echt studio --print-look professional)")
        }
        if let problem = look.problem { throw .unreadableLook(url.path, reason: problem) }
        return look
    }

    /// The look as pretty-printed JSON, ready to copy and edit.
    public func jsonDocument() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    static let builtInDocuments: [(String, String)] = [
        ("professional", """
        {"name": "professional",
         "summary": "Light grey seamless backdrop, soft even light, neutral colour.",
         "backdrop": {"kind": "canvas", "colour": "#CFCFCC", "mottle": 0.25, "vignette": 0.22, "glow": 0.12},
         "light": {"key": 0.14, "azimuth": -30, "elevation": 25, "clarity": 0.08},
         "grade": {"warmth": 0.0, "saturation": 1.0, "contrast": 0.08},
         "retouch": {"strength": "light"},
         "framing": {"fit": "standard", "aspect": 0.8, "eyeLine": 0.36}}
        """),
        ("artistic", """
        {"name": "artistic",
         "summary": "Charcoal canvas, directional light with a deeper shadow side.",
         "backdrop": {"kind": "canvas", "colour": "#3A3B3D", "mottle": 0.55, "vignette": 0.45, "glow": 0.3},
         "light": {"key": 0.42, "azimuth": -45, "elevation": 30, "clarity": 0.05},
         "grade": {"exposure": -0.15, "warmth": 0.02, "saturation": 0.95, "contrast": 0.1},
         "retouch": {"strength": "light"},
         "framing": {"fit": "standard", "aspect": 0.8, "eyeLine": 0.36}}
        """),
        ("relaxed", """
        {"name": "relaxed",
         "summary": "The photo's surroundings softened by a lens blur, warm grade.",
         "backdrop": {"kind": "defocus", "blur": 0.035},
         "light": {"key": 0.1, "azimuth": -25, "elevation": 20, "clarity": 0.06},
         "grade": {"exposure": 0.05, "warmth": 0.12, "saturation": 1.05, "contrast": 0.06, "blackLift": 0.01},
         "retouch": {"strength": "light"},
         "framing": {"fit": "loose", "aspect": 0.8, "eyeLine": 0.36}}
        """),
        ("natural", """
        {"name": "natural",
         "summary": "The photo's own background, sharp: crop, light and colour only.",
         "backdrop": {"kind": "defocus", "blur": 0},
         "light": {"key": 0.08, "azimuth": -25, "elevation": 20, "clarity": 0.05},
         "grade": {"saturation": 1.0, "contrast": 0.04},
         "retouch": {"strength": "light"},
         "framing": {"fit": "standard", "aspect": 0.8, "eyeLine": 0.36, "withinPhoto": true}}
        """),
        ("corporate", """
        {"name": "corporate",
         "summary": "Blue-grey gradient backdrop, even light, crisp neutral colour.",
         "backdrop": {"kind": "gradient", "colour": "#8A9AAE", "secondColour": "#4F5D70", "vignette": 0.15, "glow": 0.2},
         "light": {"key": 0.16, "azimuth": -30, "elevation": 25, "clarity": 0.1},
         "grade": {"warmth": -0.02, "saturation": 1.0, "contrast": 0.1},
         "retouch": {"strength": "light"},
         "framing": {"fit": "standard", "aspect": 0.8, "eyeLine": 0.36}}
        """),
        ("white", """
        {"name": "white",
         "summary": "Pure white backdrop for catalogues and ID, flat even light.",
         "backdrop": {"kind": "solid", "colour": "#FFFFFF", "mottle": 0, "vignette": 0, "glow": 0},
         "light": {"key": 0.06, "azimuth": 0, "elevation": 20, "clarity": 0.05},
         "grade": {"saturation": 1.0, "contrast": 0.05},
         "retouch": {"strength": "light"},
         "framing": {"fit": "standard", "aspect": 0.8, "eyeLine": 0.36}}
        """),
    ]
}
