import EchtImaging

extension FaceReport {
    /// Measures a face found in `image` (the same upright image the landmarks refer to).
    public init(face: Face, landmarks: FaceLandmarks, in image: Image) {
        let p = landmarks.points
        let pose = FaceGeometry.headPose(p)
        headPose = pose
        imageLeftEyeOpenness = FaceGeometry.eyeOpenness(p, iris: landmarks.rightIris, corners: (MeshIndex.imageLeftEyeOuter, MeshIndex.imageLeftEyeInner),
                                                        lids: (MeshIndex.imageLeftUpperLid, MeshIndex.imageLeftLowerLid))
        imageRightEyeOpenness = FaceGeometry.eyeOpenness(p, iris: landmarks.leftIris, corners: (MeshIndex.imageRightEyeInner, MeshIndex.imageRightEyeOuter),
                                                         lids: (MeshIndex.imageRightUpperLid, MeshIndex.imageRightLowerLid))
        gaze = FaceGeometry.gaze(p, left: landmarks.leftIris, right: landmarks.rightIris, pose: pose)
        mouthOpenness = FaceGeometry.mouthOpenness(p)
        smile = FaceGeometry.smile(p).score
        let box = face.detection.box
        let interocular: Float
        if let l = landmarks.leftIris, let r = landmarks.rightIris {
            interocular = simdLength(l.center - r.center)
        } else {
            let a = (FaceGeometry.point(p, MeshIndex.imageLeftEyeOuter) + FaceGeometry.point(p, MeshIndex.imageLeftEyeInner)) / 2
            let b = (FaceGeometry.point(p, MeshIndex.imageRightEyeOuter) + FaceGeometry.point(p, MeshIndex.imageRightEyeInner)) / 2
            interocular = simdLength(a - b)
        }
        size = Size(widthPixels: box.width, heightPixels: box.height, interocularPixels: interocular,
                    relativeHeight: box.height / Float(image.height),
                    relativeArea: box.width * box.height / Float(image.width * image.height))
        eyeSharpness = ImageMeasures.eyeSharpness(image, points: p)
        let skin = ImageMeasures.skin(image, region: SkinRegion(points: p, width: image.width, height: image.height))
        exposure = skin.0
        skinColour = skin.1
        noise = skin.2
    }
}
