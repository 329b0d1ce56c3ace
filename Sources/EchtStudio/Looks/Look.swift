/// A look: everything that makes one finished headshot different from another — backdrop,
/// light, colour grade, retouch strength and framing. Looks are data: the shipped ones are JSON
/// documents (see `Look.builtIn`) and users load their own with `Look.load(from:)`.
///
/// Every field has a default, so a user's JSON may name only what it changes.
public struct Look: Codable, Sendable, Equatable {
    /// Short name, used for output file names (`out/<photo>/<name>.jpg`).
    public var name: String
    /// One sentence for people reading the contact sheet.
    public var summary: String
    /// What goes behind the person.
    public var backdrop: BackdropStyle
    /// The simulated key/fill light and local contrast.
    public var light: LightStyle
    /// The colour grade applied to the whole picture.
    public var grade: Grade
    /// How much skin work the retouch stage does.
    public var retouch: RetouchStyle
    /// How the head and shoulders sit in the frame.
    public var framing: FramingStyle

    /// Creates a look; every part defaults to the neutral professional choice.
    public init(name: String, summary: String = "", backdrop: BackdropStyle = .init(), light: LightStyle = .init(),
                grade: Grade = .init(), retouch: RetouchStyle = .init(), framing: FramingStyle = .init()) {
        self.name = name; self.summary = summary; self.backdrop = backdrop; self.light = light
        self.grade = grade; self.retouch = retouch; self.framing = framing
    }

    private enum CodingKeys: String, CodingKey { case name, summary, backdrop, light, grade, retouch, framing }

    /// Decodes a look, filling every missing field with its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        summary = try c.decodeIfPresent(String.self, forKey: .summary) ?? ""
        backdrop = try c.decodeIfPresent(BackdropStyle.self, forKey: .backdrop) ?? .init()
        light = try c.decodeIfPresent(LightStyle.self, forKey: .light) ?? .init()
        grade = try c.decodeIfPresent(Grade.self, forKey: .grade) ?? .init()
        retouch = try c.decodeIfPresent(RetouchStyle.self, forKey: .retouch) ?? .init()
        framing = try c.decodeIfPresent(FramingStyle.self, forKey: .framing) ?? .init()
    }
}

/// The backdrop behind the person.
public struct BackdropStyle: Codable, Sendable, Equatable {
    /// The kinds of backdrop the studio can make.
    public enum Kind: String, Codable, Sendable, CaseIterable, NamedChoice {
        /// One flat colour.
        case solid
        /// A vertical gradient from `colour` (top) to `secondColour` (bottom).
        case gradient
        /// A painted studio canvas: mottled, gently vignetted, brighter behind the subject.
        case canvas
        /// The photo's own surroundings, defocused like a wide-aperture lens.
        case defocus
    }
    /// Which backdrop to make.
    public var kind: Kind
    /// Main colour (sRGB).
    public var colour: RGBColour
    /// Second colour for gradients (sRGB).
    public var secondColour: RGBColour
    /// Strength of the canvas mottling, 0...1 (about ±mottle×10 % brightness).
    public var mottle: Float
    /// How much the corners darken, 0...1.
    public var vignette: Float
    /// Brightness of the glow behind the subject, 0...1.
    public var glow: Float
    /// Defocus blur radius as a fraction of the frame height (for `defocus`).
    public var blur: Float

    /// Creates a backdrop style.
    public init(kind: Kind = .canvas, colour: RGBColour = .init(hex: 0xC9C9C7), secondColour: RGBColour = .init(hex: 0x9A9A98),
                mottle: Float = 0.3, vignette: Float = 0.25, glow: Float = 0.15, blur: Float = 0.03) {
        self.kind = kind; self.colour = colour; self.secondColour = secondColour
        self.mottle = mottle; self.vignette = vignette; self.glow = glow; self.blur = blur
    }

    private enum CodingKeys: String, CodingKey { case kind, colour, secondColour, mottle, vignette, glow, blur }

    /// Decodes a backdrop style, filling missing fields with defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self), d = BackdropStyle()
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? d.kind
        colour = try c.decodeIfPresent(RGBColour.self, forKey: .colour) ?? d.colour
        secondColour = try c.decodeIfPresent(RGBColour.self, forKey: .secondColour) ?? colour
        mottle = try c.decodeIfPresent(Float.self, forKey: .mottle) ?? d.mottle
        vignette = try c.decodeIfPresent(Float.self, forKey: .vignette) ?? d.vignette
        glow = try c.decodeIfPresent(Float.self, forKey: .glow) ?? d.glow
        blur = try c.decodeIfPresent(Float.self, forKey: .blur) ?? d.blur
    }
}

/// The simulated studio light on the person, shaped by the face mesh.
public struct LightStyle: Codable, Sendable, Equatable {
    /// Strength of the key light's modelling, 0 (flat) ... 1 (dramatic).
    public var key: Float
    /// Where the key comes from, in degrees: 0 = camera axis, negative = image left, positive = image right.
    public var azimuth: Float
    /// Key height in degrees above the camera axis.
    public var elevation: Float
    /// Local contrast ("clarity") amount, 0...1.
    public var clarity: Float
    /// Whether to set exposure and white balance from the skin before grading.
    public var autoBalance: Bool

    /// Creates a light style.
    public init(key: Float = 0.15, azimuth: Float = -30, elevation: Float = 25, clarity: Float = 0.1, autoBalance: Bool = true) {
        self.key = key; self.azimuth = azimuth; self.elevation = elevation; self.clarity = clarity; self.autoBalance = autoBalance
    }

    private enum CodingKeys: String, CodingKey { case key, azimuth, elevation, clarity, autoBalance }

    /// Decodes a light style, filling missing fields with defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self), d = LightStyle()
        key = try c.decodeIfPresent(Float.self, forKey: .key) ?? d.key
        azimuth = try c.decodeIfPresent(Float.self, forKey: .azimuth) ?? d.azimuth
        elevation = try c.decodeIfPresent(Float.self, forKey: .elevation) ?? d.elevation
        clarity = try c.decodeIfPresent(Float.self, forKey: .clarity) ?? d.clarity
        autoBalance = try c.decodeIfPresent(Bool.self, forKey: .autoBalance) ?? d.autoBalance
    }
}

/// The colour grade, applied in linear light to the whole picture.
public struct Grade: Codable, Sendable, Equatable {
    /// Exposure change in stops.
    public var exposure: Float
    /// Warmth, -1 (cool) ... 1 (warm); 0.1 is a gentle warm.
    public var warmth: Float
    /// Saturation multiplier (1 = unchanged, 0 = monochrome).
    public var saturation: Float
    /// Tone contrast around middle grey, 0 = unchanged, 0.2 = a gentle S-curve.
    public var contrast: Float
    /// Black level lift (matte look), 0...0.05.
    public var blackLift: Float
    /// Render in black and white (a luminance mix that keeps skin tones separated).
    public var monochrome: Bool

    /// Creates a grade.
    public init(exposure: Float = 0, warmth: Float = 0, saturation: Float = 1, contrast: Float = 0.1,
                blackLift: Float = 0, monochrome: Bool = false) {
        self.exposure = exposure; self.warmth = warmth; self.saturation = saturation
        self.contrast = contrast; self.blackLift = blackLift; self.monochrome = monochrome
    }

    private enum CodingKeys: String, CodingKey { case exposure, warmth, saturation, contrast, blackLift, monochrome }

    /// Decodes a grade, filling missing fields with defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self), d = Grade()
        exposure = try c.decodeIfPresent(Float.self, forKey: .exposure) ?? d.exposure
        warmth = try c.decodeIfPresent(Float.self, forKey: .warmth) ?? d.warmth
        saturation = try c.decodeIfPresent(Float.self, forKey: .saturation) ?? d.saturation
        contrast = try c.decodeIfPresent(Float.self, forKey: .contrast) ?? d.contrast
        blackLift = try c.decodeIfPresent(Float.self, forKey: .blackLift) ?? d.blackLift
        monochrome = try c.decodeIfPresent(Bool.self, forKey: .monochrome) ?? d.monochrome
    }
}

/// How much texture-preserving skin work to do.
public struct RetouchStyle: Codable, Sendable, Equatable {
    /// Retouch strengths.
    public enum Strength: String, Codable, Sendable, CaseIterable, NamedChoice {
        /// No skin work at all.
        case none
        /// Evens out blotches a little (the default).
        case light
        /// Evens out blotches more; pores and fine lines still stay.
        case medium

        /// The fraction of low-frequency blotchiness removed.
        public var amount: Float {
            switch self { case .none: 0; case .light: 0.4; case .medium: 0.7 }
        }
    }
    /// Skin evenness strength.
    public var strength: Strength
    /// Subtly clean eye whites and teeth.
    public var eyesAndTeeth: Bool
    /// Even out small round spots on the skin (blemishes, spots, small moles) in tone. Off by
    /// default: moles, freckles, scars and wrinkles stay unless a look asks for this.
    public var spots: Bool

    /// Creates a retouch style.
    public init(strength: Strength = .light, eyesAndTeeth: Bool = true, spots: Bool = false) {
        self.strength = strength; self.eyesAndTeeth = eyesAndTeeth; self.spots = spots
    }

    private enum CodingKeys: String, CodingKey { case strength, eyesAndTeeth, spots }

    /// Decodes a retouch style, filling missing fields with defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        strength = try c.decodeIfPresent(Strength.self, forKey: .strength) ?? .light
        eyesAndTeeth = try c.decodeIfPresent(Bool.self, forKey: .eyesAndTeeth) ?? true
        spots = try c.decodeIfPresent(Bool.self, forKey: .spots) ?? false
    }
}

/// How the head and shoulders are placed in the frame.
public struct FramingStyle: Codable, Sendable, Equatable {
    /// How much of the frame the head fills.
    public enum Fit: String, Codable, Sendable, CaseIterable, NamedChoice {
        /// Face fills the frame; little shoulder.
        case tight
        /// Classic head and shoulders.
        case standard
        /// More shoulders and room around the head.
        case loose

        /// Eye-to-chin distance as a fraction of the frame height.
        public var eyeToChinFraction: Double {
            switch self { case .tight: 0.27; case .standard: 0.2; case .loose: 0.15 }
        }
    }
    /// Head size choice.
    public var fit: Fit
    /// Frame aspect, width over height (4:5 = 0.8).
    public var aspect: Double
    /// Eye line position from the top, as a fraction of the frame height.
    public var eyeLine: Double
    /// Largest output height in pixels for the full-resolution file (never upscaled).
    public var maxHeight: Int
    /// Keep the frame inside the photo where a tighter frame (down to the tight fit), moved up or
    /// down a little (never sideways), does it, rather than fill the backdrop past the photo's
    /// edge: for a look that shows the photo's own background sharp, where a filled band would show.
    public var withinPhoto: Bool

    /// Creates a framing style.
    public init(fit: Fit = .standard, aspect: Double = 0.8, eyeLine: Double = 0.36, maxHeight: Int = 2400,
                withinPhoto: Bool = false) {
        self.fit = fit; self.aspect = aspect; self.eyeLine = eyeLine; self.maxHeight = maxHeight
        self.withinPhoto = withinPhoto
    }

    private enum CodingKeys: String, CodingKey { case fit, aspect, eyeLine, maxHeight, withinPhoto }

    /// Decodes a framing style, filling missing fields with defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self), d = FramingStyle()
        fit = try c.decodeIfPresent(Fit.self, forKey: .fit) ?? d.fit
        aspect = try c.decodeIfPresent(Double.self, forKey: .aspect) ?? d.aspect
        eyeLine = try c.decodeIfPresent(Double.self, forKey: .eyeLine) ?? d.eyeLine
        maxHeight = try c.decodeIfPresent(Int.self, forKey: .maxHeight) ?? d.maxHeight
        withinPhoto = try c.decodeIfPresent(Bool.self, forKey: .withinPhoto) ?? d.withinPhoto
    }
}
