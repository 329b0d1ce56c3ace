import EchtImaging

/// One face found in a photo, in pixel coordinates of the upright image
/// (x to the right, y down, origin at the top-left corner of the top-left pixel).
///
/// Contract between EchtVision and EchtStudio: fields may be added, not renamed.
public struct Face: Sendable, Equatable {
    /// The detector's box and keypoints.
    public var detection: FaceDetection
    /// The 468-point mesh with irises, when the mesh model ran and found the face.
    public var landmarks: FaceLandmarks?

    /// Creates a face from its detection and optional mesh.
    public init(detection: FaceDetection, landmarks: FaceLandmarks? = nil) {
        self.detection = detection
        self.landmarks = landmarks
    }
}

/// An axis-aligned rectangle in pixels.
public struct PixelRect: Sendable, Equatable, Hashable {
    /// Left edge.
    public var minX: Float
    /// Top edge.
    public var minY: Float
    /// Right edge.
    public var maxX: Float
    /// Bottom edge.
    public var maxY: Float

    /// Creates a rectangle from its edges.
    public init(minX: Float, minY: Float, maxX: Float, maxY: Float) {
        self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
    }

    /// Width in pixels.
    public var width: Float { maxX - minX }
    /// Height in pixels.
    public var height: Float { maxY - minY }
    /// The centre point.
    public var center: SIMD2<Float> { SIMD2((minX + maxX) / 2, (minY + maxY) / 2) }
}

/// A face box with the detector's six keypoints and confidence.
public struct FaceDetection: Sendable, Equatable {
    /// The face box in image pixels.
    public var box: PixelRect
    /// Six keypoints in image pixels, in BlazeFace order: the subject's right eye, left eye,
    /// nose tip, mouth centre, right ear tragion, left ear tragion.
    public var keypoints: [SIMD2<Float>]
    /// Detection confidence in 0...1.
    public var score: Float

    /// Creates a detection.
    public init(box: PixelRect, keypoints: [SIMD2<Float>], score: Float) {
        self.box = box; self.keypoints = keypoints; self.score = score
    }
}

/// The face mesh: 468 landmarks plus both irises.
public struct FaceLandmarks: Sendable, Equatable {
    /// 468 points; x and y in image pixels, z in the same pixel scale, relative depth
    /// (smaller is closer to the camera), as MediaPipe's FaceMesh defines them.
    public var points: [SIMD3<Float>]
    /// The mesh model's face-presence score in 0...1.
    public var presence: Float
    /// The subject's left eye iris (image right side for a frontal face), if refined.
    public var leftIris: Iris?
    /// The subject's right eye iris, if refined.
    public var rightIris: Iris?

    /// Creates a mesh result.
    public init(points: [SIMD3<Float>], presence: Float, leftIris: Iris? = nil, rightIris: Iris? = nil) {
        self.points = points; self.presence = presence; self.leftIris = leftIris; self.rightIris = rightIris
    }
}

/// One eye's iris and eye contour from the iris model, in image pixels.
public struct Iris: Sendable, Equatable {
    /// The iris centre.
    public var center: SIMD2<Float>
    /// The iris radius in pixels.
    public var radius: Float
    /// The 71 eye-contour and brow points of the iris model.
    public var contour: [SIMD2<Float>]

    /// Creates an iris result.
    public init(center: SIMD2<Float>, radius: Float, contour: [SIMD2<Float>]) {
        self.center = center; self.radius = radius; self.contour = contour
    }
}
