import EchtImaging

extension FaceMesh {
    /// The mesh in `image` around the face that `expected` (landmarks already in this image's
    /// pixels) says is there: MediaPipe's tracking mode, where the crop comes from earlier
    /// landmarks instead of a detection. The landmarks still come from the pixels alone; nil
    /// when the model says no face is in that crop.
    public func landmarks(in image: Image, tracking expected: FaceLandmarks) throws(VisionError) -> FaceLandmarks? {
        let found = try run(in: image, region: Self.region(for: expected.points))
        return found.presence >= Self.minimumPresence ? found : nil
    }
}
