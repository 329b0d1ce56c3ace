import EchtImaging
import EchtVision
import Foundation

extension StudioPipeline {
    /// Frames `face` for `style`: everything a look needs before its own light, retouch, grade
    /// and backdrop. Throws when the matte misses the face. The full-size matte is let go as soon
    /// as it is warped: a caller that hands over its only copy of `analysis` gets that memory back
    /// for the rest of the framing. `given`: the frame, when the caller computed it already
    /// (`framing(image:analysis:face:style:sourceName:)`).
    public static func frame(image: Image, analysis: consuming StudioAnalysis, face: Face, style: FramingStyle,
                             framing given: Framing? = nil, sourceName: String = "photo") throws(StudioError) -> FramedSubject {
        let started = Date()
        let (matte, mesh) = try framingInputs(image: image, analysis: analysis, face: face, sourceName: sourceName)
        _ = consume analysis
        let framing = given ?? Framing.headAndShoulders(face: mesh, sourceWidth: image.width, sourceHeight: image.height,
                                                        personMatte: matte, style: style, picture: ScanBorder.picture(of: image))
        let t = framing.transform, w = framing.width, h = framing.height
        // The matte covers its own region of the photo; outside it the person is absent. When
        // that region holds all the photo the frame reads (a matte made for this style does),
        // it holds every output pixel inside the photo.
        var local = t
        local.translationX -= Double(matte.originX); local.translationY -= Double(matte.originY)
        let reach = Warp.sourceWindow(transform: t, width: w, height: h)
        let covered = matte.originX <= max(reach.x0, 0) && matte.originY <= max(reach.y0, 0)
            && matte.originX + matte.alpha.width >= min(reach.x1, image.width) && matte.originY + matte.alpha.height >= min(reach.y1, image.height)
        // A matte cut down to other frames' windows (it keeps its region's border) would cut the person.
        if !covered, matte.border != nil { throw .matteMissesFrame(sourceName, style: style.fit.rawValue) }
        let (alpha, foreground) = Warp.renderMatte(alpha: matte.alpha.channels == 1 ? matte.alpha : matte.alpha.channel(0),
                                                            foreground: matte.foreground.rgb, transform: local, width: w, height: h,
                                                            photo: (image.width, image.height, t), regionHoldsFrame: covered)
        _ = consume matte
        let outMesh = mesh.mapped(depthScale: Float(1 / t.scale)) { t.outputPoint($0) }
        Trace.mark("  matte warped", since: started)
        let oval = MeshRegions.points(MeshRegions.faceOval, of: outMesh)
        let faceWidth = max(oval.map(\.x).max()! - oval.map(\.x).min()!, 4)
        // The face masks and their coverage (of the matte as warped) beside the edge cleanup,
        // which takes the colours over (no copy of them) and chokes its own copy of the matte.
        var colours: Image? = consume foreground
        let ((masks, coverage), choked) = Concurrently.run({ () -> (FaceMasks, Double) in
            let masks = FaceMasks.make(mesh: outMesh, width: w, height: h, alpha: alpha)
            return (masks, faceCoverage(alpha: alpha, face: masks.face))
        }, {
            EdgeCleanup.apply(alpha: alpha, foreground: colours.take()!, sigma: max(1, faceWidth * 0.03))
        })
        _ = consume alpha
        guard coverage >= minimumFaceCoverage else { throw .matteMissesFace(sourceName, coverage: coverage) }
        Trace.mark("  masks and edge cleanup", since: started)
        // The blown old background's blue fringe on the outline, on the person's cleaned colours.
        let unfringed = EdgeFringe.apply(alpha: choked.alpha, foreground: choked.foreground,
                                         photo: image, transform: t, faceWidth: faceWidth)
        let cleaned = (alpha: choked.alpha, foreground: unfringed.foreground)
        Trace.mark("  fringe", since: started)
        let inside = InsideRows(sourceWidth: image.width, sourceHeight: image.height, transform: t, width: w)
        // The honesty reference beside the measures the looks share, on the two cores.
        let (honesty, (neutral, balance, softAlpha)) = Concurrently.run({
            HonestyReference(image: image, transform: t, foreground: cleaned.foreground, alpha: cleaned.alpha, inside: inside,
                             masks: masks, faceWidth: faceWidth)
        }, {
            let neutral = NeutralReference.measure(image: image, transform: t, alpha: cleaned.alpha, inside: inside)
            return (neutral, SkinBalance.measure(image: cleaned.foreground, skin: masks.skin, alpha: cleaned.alpha, neutral: neutral),
                    Composite.softAlpha(cleaned.alpha))
        })
        return FramedSubject(style: style, framing: framing, alpha: cleaned.alpha, foreground: cleaned.foreground,
                             mesh: outMesh, masks: masks, faceWidth: faceWidth, honesty: honesty,
                             balance: balance, softAlpha: softAlpha, neutral: neutral)
    }

    /// The frame `frame` makes for `face` in `style`, after the same checks (and with the same
    /// errors): the studio computes every style's frame first, to frame alike ones once.
    public static func framing(image: Image, analysis: StudioAnalysis, face: Face, style: FramingStyle,
                               sourceName: String = "photo") throws(StudioError) -> Framing {
        let (matte, mesh) = try framingInputs(image: image, analysis: analysis, face: face, sourceName: sourceName)
        return Framing.headAndShoulders(face: mesh, sourceWidth: image.width, sourceHeight: image.height,
                                        personMatte: matte, style: style, picture: ScanBorder.picture(of: image))
    }

    /// The face's matte and mesh, once they are known to fit the photo and the eyes lie inside it.
    static func framingInputs(image: Image, analysis: borrowing StudioAnalysis, face: Face,
                              sourceName: String) throws(StudioError) -> (PersonMatte, FaceLandmarks) {
        guard let matte = analysis.matte(for: face) else { throw .missingMatte(sourceName) }
        guard matte.fits(photoWidth: image.width, photoHeight: image.height) else {
            throw .matteSizeMismatch(expected: "\(image.width)x\(image.height)",
                                     received: "\(matte.alpha.width)x\(matte.alpha.height) at (\(matte.originX), \(matte.originY))")
        }
        guard let mesh = face.landmarks, mesh.points.count >= 468 else { throw .missingLandmarks(sourceName) }
        guard eyesAreInside(mesh, width: image.width, height: image.height) else { throw .faceCutByEdge(sourceName) }
        return (matte, mesh)
    }

    /// Whether both eye centres lie inside the photo by at least a quarter of the distance
    /// between them: a face whose eyes are at or past the edge has no frame to give (on the dev
    /// photos, every framed face's eyes are 40 px or more inside; the cut one's are outside).
    static func eyesAreInside(_ mesh: FaceLandmarks, width: Int, height: Int) -> Bool {
        let right = MeshRegions.rightEyeCentre(mesh), left = MeshRegions.leftEyeCentre(mesh)
        let margin = 0.25 * ((left - right) * (left - right)).sum().squareRoot()
        return [right, left].allSatisfy { eye in
            eye.x >= margin && eye.y >= margin && eye.x <= Float(width) - margin && eye.y <= Float(height) - margin
        }
    }
}
