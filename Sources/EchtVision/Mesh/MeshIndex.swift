/// Indices into the 468-point FaceMesh used by the measures (see models/README.md §4).
/// "Image-left" is the subject's right side in a non-mirrored photo.
enum MeshIndex {
    /// Image-left eye outer / inner corner.
    static let imageLeftEyeOuter = 33, imageLeftEyeInner = 133
    /// Image-right eye inner / outer corner.
    static let imageRightEyeInner = 362, imageRightEyeOuter = 263
    /// Mid upper / lower lid of the image-left eye.
    static let imageLeftUpperLid = 159, imageLeftLowerLid = 145
    /// Mid upper / lower lid of the image-right eye.
    static let imageRightUpperLid = 386, imageRightLowerLid = 374
    /// Outer lip corners, image left / right.
    static let mouthLeft = 61, mouthRight = 291
    /// Outer upper lip top-centre, outer lower lip bottom-centre.
    static let upperLipTop = 0, lowerLipBottom = 17
    /// Inner upper / lower lip centre.
    static let innerUpperLip = 13, innerLowerLip = 14
    /// Forehead top of the face oval and the chin (menton).
    static let foreheadTop = 10, chin = 152
    /// Nose tip.
    static let noseTip = 1

    /// The face oval, clockwise on screen from the forehead top.
    static let faceOval = [10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152,
                           148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109]
    /// Image-left eye outline (lower contour then upper contour reversed).
    static let imageLeftEye = [33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246]
    /// Image-right eye outline.
    static let imageRightEye = [263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466]
    /// Image-left eyebrow (upper contour then lower contour reversed).
    static let imageLeftBrow = [70, 63, 105, 66, 107, 55, 65, 52, 53, 46]
    /// Image-right eyebrow.
    static let imageRightBrow = [300, 293, 334, 296, 336, 285, 295, 282, 283, 276]
    /// Outer lip outline (upper then lower reversed).
    static let outerLips = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146]
}
