/// Per-face measures for choosing and checking a portrait. Every field documents its unit
/// and range; "image-left/right" follow the photo as displayed (a frontal subject's right eye
/// is on the image left).
public struct FaceReport: Sendable, Equatable, Codable {
    /// Head orientation in degrees, from the 3-D mesh.
    public struct HeadPose: Sendable, Equatable, Codable {
        /// Turn left/right: 0 = facing the camera, positive = the face points toward the image
        /// right; about ±90 in profile.
        public var yaw: Float
        /// Nod: 0 = level, positive = chin up (face points above the camera).
        public var pitch: Float
        /// In-plane tilt of the eye line: 0 = level, positive = clockwise on screen
        /// (the image-right eye lower).
        public var roll: Float
    }

    /// Where the eyes look, from the iris centres relative to the eye corners and lids.
    public struct Gaze: Sendable, Equatable, Codable {
        /// Iris offset from the eye centre along the eye line, as a fraction of the eye width,
        /// mean of both eyes: 0 = centred, positive = toward the image right; about ±0.2 at the extremes.
        public var horizontal: Float
        /// Iris offset across the eye line as a fraction of the eye width: positive = down.
        public var vertical: Float
        /// Estimated angle between the line of sight and the direction to the camera, degrees
        /// (head yaw/pitch plus eye rotation; rough, ±10°).
        public var angleFromCamera: Float
        /// 0...1: 1 = looking into the lens, falling to 0.5 at 15° and toward 0 beyond 30°.
        public var towardCamera: Float
    }

    /// How big the face is.
    public struct Size: Sendable, Equatable, Codable {
        /// Detection box width in pixels.
        public var widthPixels: Float
        /// Detection box height in pixels.
        public var heightPixels: Float
        /// Distance between the iris centres (or eye centres without irises) in pixels.
        public var interocularPixels: Float
        /// Box height divided by the image height (0...1+).
        public var relativeHeight: Float
        /// Box area divided by the image area (0...1).
        public var relativeArea: Float
    }

    /// Light on the skin (cheeks, forehead, nose: the face oval without eyes, brows and lips).
    public struct Exposure: Sendable, Equatable, Codable {
        /// Mean linear luminance Y (Rec. 709) of the skin, 0...1 (0.18 = mid grey).
        public var meanLuminance: Float
        /// The same as CIE L*, 0...100 (typical well-exposed skin: 55...75 light, 30...50 dark skin).
        public var meanLightness: Float
        /// Fraction of skin pixels with a channel at or above 99.5 % (blown highlights), 0...1.
        public var clippedHighlights: Float
        /// Fraction of skin pixels with every channel at or below 0.2 % (crushed shadows), 0...1.
        public var crushedShadows: Float
    }

    /// Mean skin colour in CIELAB (D65): a colour cast shows as a hue or chroma far from the
    /// usual skin range (hue about 30...70°).
    public struct SkinColour: Sendable, Equatable, Codable {
        /// CIELAB a* (green − / red +).
        public var a: Float
        /// CIELAB b* (blue − / yellow +).
        public var b: Float
        /// Hue angle in degrees, 0 = red/magenta, 90 = yellow.
        public var hue: Float
        /// Chroma √(a² + b²).
        public var chroma: Float
    }

    /// Head pose.
    public var headPose: HeadPose
    /// Eye openness of the image-left eye: lid gap divided by eye width, from the iris model's
    /// eye contour (≈0.2...0.45 open, below ≈0.12 closed).
    public var imageLeftEyeOpenness: Float
    /// Eye openness of the image-right eye, same scale.
    public var imageRightEyeOpenness: Float
    /// Gaze relative to the camera (nil without iris refinement).
    public var gaze: Gaze?
    /// Mouth openness: inner-lip gap divided by mouth width (0 closed, ≈0.15 talking, 0.4+ wide open).
    public var mouthOpenness: Float
    /// Smile 0...1 from how far the mouth corners rise above the lip centre (0 neutral or
    /// down-turned, 1 broad smile).
    public var smile: Float
    /// Face size.
    public var size: Size
    /// Sharpness at the eyes: RMS Laplacian over local contrast on an eye-sized crop, both
    /// eyes averaged; ≈0.5+ crisp, below ≈0.2 soft. Independent of exposure and resolution.
    public var eyeSharpness: Float
    /// Skin exposure.
    public var exposure: Exposure
    /// Skin colour.
    public var skinColour: SkinColour
    /// Noise on the skin: estimated standard deviation in 8-bit sRGB levels (0...255 scale);
    /// ≈1 clean, 3+ visible grain. Fine skin texture adds a floor of about 1.
    public var noise: Float
}
