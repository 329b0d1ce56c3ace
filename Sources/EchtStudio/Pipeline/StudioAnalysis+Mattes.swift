import Dispatch
import Foundation
import EchtImaging
import EchtVision

extension StudioAnalysis {
    /// This analysis with a matte of their own for `subjects` (nil: every face): the selfie
    /// model runs on each subject's region (`Framing.matteRegion` for `styles`) and on the
    /// regions of the people next to them, and each subject keeps only what is theirs
    /// (`PortraitAnalyzer.subjectMatte`): neighbours and bystanders removed. The full-resolution
    /// matte is made only where the subject's frames for `styles` read it (`Framing.matteWindow`),
    /// also when the model saw the whole photo (a lone subject). Runs concurrently.
    /// `wholePhotoLevels`: the whole photo's `PhotoLevels`, if made already (`StudioSession` makes
    /// them on one thread while the faces are searched); a subject whose model
    /// region is the whole photo uses them.
    public func addingMattes(for subjects: [Face]?, styles: [FramingStyle], image: Image, analyzer: PortraitAnalyzer,
                             sourceName: String, wholePhotoLevels: PhotoLevels? = nil) throws(StudioError) -> StudioAnalysis {
        try addingMattes(for: subjects, styles: styles, image: image, analyzer: analyzer, sourceName: sourceName,
                         awaitingWholePhotoLevels: { wholePhotoLevels })
    }

    /// `addingMattes` with the whole photo's `PhotoLevels` still being made elsewhere: a subject
    /// whose model region is the whole photo calls `awaitingWholePhotoLevels` (which may block
    /// until they are made) only when its matte needs them, after the model has run on it; nil,
    /// or levels of another size, make them here. `whileRefining` is called once the model has run
    /// on every subject, before the mattes are refined (mostly on one thread): work to start on
    /// the core that then idles.
    public func addingMattes(for subjects: [Face]?, styles: [FramingStyle], image: Image, analyzer: PortraitAnalyzer,
                             sourceName: String, whileRefining: @escaping @Sendable () -> Void = {},
                             awaitingWholePhotoLevels: @escaping @Sendable () -> PhotoLevels?) throws(StudioError) -> StudioAnalysis {
        let chosen = subjects ?? faces
        let faces = faces
        let regions: [PixelRect?] = faces.map { face in
            face.landmarks.flatMap { mesh in
                mesh.points.count >= 468
                    ? Framing.matteRegion(face: mesh, styles: styles, sourceWidth: image.width, sourceHeight: image.height) : nil
            }
        }
        for face in chosen where faces.firstIndex(of: face).flatMap({ regions[$0] }) == nil { throw .missingLandmarks(sourceName) }
        // The subjects and every face whose region overlaps a subject's: their claims settle shared cells.
        let subjectRegions = chosen.compactMap { face in faces.firstIndex(of: face).flatMap { regions[$0] } }
        let claimed = faces.indices.filter { k in
            guard let r = regions[k] else { return false }
            return chosen.contains(faces[k]) || subjectRegions.contains { Self.overlap(r, $0) }
        }
        // Each subject's matte reads of the photo what the model's mask does not decide (its
        // reduced copies): those not made already are made beside the claims, as jobs of the same
        // concurrent loop (the calling thread takes whatever no other thread is free for).
        let levels = ResultSlots<PhotoLevels>(count: chosen.count)
        let whole = PixelRect(minX: 0, minY: 0, maxX: Float(image.width), maxY: Float(image.height))
        var levelJobs: [(Int, PixelRect)] = []
        var wholeRegion = [Bool](repeating: false, count: chosen.count)
        for (k, face) in chosen.enumerated() {
            guard let region = faces.firstIndex(of: face).flatMap({ regions[$0] }) else { continue }
            let crop = analyzer.claimRegion(for: face, among: faces, in: image, region: region)
            if crop == whole { wholeRegion[k] = true } else { levelJobs.append((k, crop)) }
        }
        let fromWholePhoto = wholeRegion
        let jobs = levelJobs
        let start = Date()
        let claims = ResultSlots<SubjectClaim>(count: claimed.count)
        DispatchQueue.concurrentPerform(iterations: claimed.count + jobs.count) { n in
            guard n < claimed.count else {
                let (k, crop) = jobs[n - claimed.count]
                levels.set(k) { () throws(StudioError) -> PhotoLevels in analyzer.matteLevels(of: image, in: crop) }
                return
            }
            claims.set(n) { () throws(StudioError) -> SubjectClaim in
                let k = claimed[n]
                do throws(VisionError) { return try analyzer.claim(for: faces[k], among: faces, in: image, region: regions[k]!) } catch {
                    throw .vision(error.description)
                }
            }
        }
        Trace.mark("  claims", since: start)
        whileRefining()
        var all: [SubjectClaim] = []
        for n in claimed.indices { all.append(try claims.outcome(n).get()) }
        let neighbours = all
        let mattes = ResultSlots<PersonMatte>(count: chosen.count)
        DispatchQueue.concurrentPerform(iterations: chosen.count) { k in
            mattes.set(k) { () throws(StudioError) -> PersonMatte in
                guard let own = neighbours.first(where: { $0.face == chosen[k] }), let mesh = chosen[k].landmarks else {
                    throw .missingLandmarks(sourceName)
                }
                let made: PhotoLevels
                if fromWholePhoto[k] {
                    // Made elsewhere while the model ran; waited for only now.
                    if let given = awaitingWholePhotoLevels(), given.width == image.width, given.height == image.height {
                        made = given
                    } else {
                        made = analyzer.matteLevels(of: image, in: whole)
                    }
                } else {
                    made = try levels.outcome(k).get()
                }
                Trace.mark("  levels ready", since: start)
                var prepared = analyzer.preparedMatte(for: own, neighbours: neighbours, in: image, levels: made)
                let picture = ScanBorder.picture(of: image)
                var window = Framing.matteWindow(face: mesh, styles: styles, edges: prepared.edgesOnly(),
                                                 sourceWidth: image.width, sourceHeight: image.height, picture: picture)
                // A face at the photo's side with no room for its frame gets a close-up slid into
                // the photo, which may reach past the region the matte was made for (a run failed
                // with `matteMissesFrame`): the matte is made again for a region holding it.
                if !Self.holds(prepared, window), let region = faces.firstIndex(of: chosen[k]).flatMap({ regions[$0] }) {
                    let wider = PixelRect(minX: min(region.minX, window.minX), minY: min(region.minY, window.minY),
                                          maxX: max(region.maxX, window.maxX), maxY: max(region.maxY, window.maxY))
                    do throws(VisionError) {
                        let claim = try analyzer.claim(for: chosen[k], among: faces, in: image, region: wider)
                        prepared = analyzer.preparedMatte(for: claim, neighbours: neighbours.map { $0.face == chosen[k] ? claim : $0 }, in: image,
                                                          levels: analyzer.matteLevels(of: image, in: claim.region))
                    } catch { throw .vision(error.description) }
                    window = Framing.matteWindow(face: mesh, styles: styles, edges: prepared.edgesOnly(),
                                                 sourceWidth: image.width, sourceHeight: image.height, picture: picture)
                }
                Trace.mark("  prepared", since: start)
                defer { Trace.mark("  full-resolution pass", since: start) }
                return prepared.matte(within: window)
            }
        }
        var out = self
        for (k, face) in chosen.enumerated() {
            guard let index = faces.firstIndex(of: face) else { continue }
            out.mattes[index] = try mattes.outcome(k).get()
        }
        return out
    }

    /// Whether the region `prepared` covers holds all of `window` (photo pixels).
    static func holds(_ prepared: PreparedMatte, _ window: PixelRect) -> Bool {
        window.minX >= Float(prepared.originX) && window.minY >= Float(prepared.originY)
            && window.maxX <= Float(prepared.originX + prepared.width) && window.maxY <= Float(prepared.originY + prepared.height)
    }

    /// Whether two rectangles overlap.
    static func overlap(_ a: PixelRect, _ b: PixelRect) -> Bool {
        a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY
    }
}
