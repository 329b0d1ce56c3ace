import EchtImaging
import EchtVision
import Foundation

/// Runs the studio on photo files: decode → analyse → render every look → encode, sign and
/// write the files atomically → contact sheet. The command line and the server call this.
public struct StudioSession: Sendable {
    /// Settings for a run.
    public struct Options: Sendable {
        /// The looks to render, in order.
        public var looks: [Look]
        /// Root output folder; each photo gets `<out>/<stem>/`.
        public var outDirectory: URL
        /// Replace existing files.
        public var force: Bool
        /// Which face (1 = largest); nil = largest.
        public var faceIndex: Int?
        /// One headshot per face in the photo.
        public var eachFace: Bool
        /// Sizes cut from each headshot.
        public var presets: [OutputPreset]
        /// Adds Content Credentials; nil writes unsigned files.
        public var signer: (any OutputSigner)?
        /// Re-detect landmarks on every output for the geometry check.
        public var verify: Bool
        /// JPEG quality.
        public var quality: Int

        /// Creates options with the default looks and presets.
        public init(looks: [Look] = Look.defaultNames.map { Look.builtIn[$0]! }, outDirectory: URL = URL(fileURLWithPath: "out"),
                    force: Bool = false, faceIndex: Int? = nil, eachFace: Bool = false, presets: [OutputPreset] = OutputPreset.standard,
                    signer: (any OutputSigner)? = nil, verify: Bool = true, quality: Int = 92) {
            self.looks = looks; self.outDirectory = outDirectory; self.force = force; self.faceIndex = faceIndex
            self.eachFace = eachFace; self.presets = presets; self.signer = signer; self.verify = verify; self.quality = quality
        }
    }

    /// The loaded vision stack.
    public let analyzer: PortraitAnalyzer

    /// Creates a session with a loaded analyzer.
    public init(analyzer: PortraitAnalyzer) { self.analyzer = analyzer; _ = LargeBlockReuse.applied }

    /// The photo in `file`, upright, in linear light, and what the decoder reported as damage
    /// in a file it could still read (nil: none).
    static func decode(_ file: URL) throws(StudioError) -> (image: Image, damage: String?) {
        do {
            let decoded = try ImageFile.decode(contentsOf: file)
            return (decoded.image, decoded.damage)
        } catch { throw .imaging(error.description) }
    }

    /// The note on a photo whose file the decoder found damaged (`decode`).
    static func damageNote(_ damage: String) -> String {
        let words = damage.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".")))
        return "The photo's file is damaged (the decoder says: \(words)); look for stripes or blocks in the headshot, or use an undamaged copy."
    }

    /// Loads the models from `modelsDirectory` (default: `ECHT_MODELS` or `~/.cache/echt/models`).
    public init(modelsDirectory: URL = PortraitAnalyzer.defaultModelsDirectory) throws(StudioError) {
        _ = LargeBlockReuse.applied
        let start = Date()
        do { analyzer = try PortraitAnalyzer(modelsDirectory: modelsDirectory) } catch { throw .vision(error.description) }
        Trace.mark("models loaded", since: start)
    }

    /// Runs every look on one photo file and writes its folder, `<out>/<folderName>/`
    /// (default: the file's name without extension; `RunFolders` names the photos of a batch).
    /// `prefetched`: the file already being decoded (`PhotoPrefetch` of the same file), else it
    /// is decoded here.
    public func run(file: URL, folderName: String? = nil, options: Options, prefetched: PhotoPrefetch? = nil) throws(StudioError) -> PhotoReport {
        let start = Date()
        let name = file.lastPathComponent
        try options.check()
        let folder = options.outDirectory.appendingPathComponent(folderName ?? file.deletingPathExtension().lastPathComponent)
        if file.deletingLastPathComponent().resolvedPath == folder.resolvedPath { throw .photoInOutputFolder(file.path, folder: folder.path) }
        precondition(prefetched.map { $0.file == file } ?? true, "a prefetch of another file than the one run")
        let (decoded, damage) = if let prefetched { try prefetched.take() } else { try Self.decode(file) }
        Trace.mark("decode \(decoded.width)x\(decoded.height)", since: start)
        // While the face search (one thread) leaves a core idle, that core makes the matte's
        // reduced copies of the whole photo (a lone subject's matte, whose model sees the whole
        // photo, reads them), on one thread.
        let refiner = MatteRefiner(options: analyzer.options.matte)
        // A cut-out (a photo with its own transparency) brings the person's matte along.
        let given = GivenMatte.from(decoded)
        // A plain border around the picture (a print's margin, bars padding it to a square) is
        // cut away first; a cut-out's transparent margin is its matte's, not a border.
        let border = given == nil ? PhotoBorder.find(in: decoded) : nil
        // Every binding of the photo but `image` below ends here (`consume`), so that the photo's
        // slot can let it go after the framings and the renders reuse its memory.
        let photo: Image
        if let given {
            photo = given.flattened; _ = consume decoded
        } else if let border {
            photo = border.trimming(consume decoded)
        } else {
            photo = consume decoded
        }
        // What the file itself tells: damage the decoder read around, a border cut away.
        let fileNotes = (damage.map { [Self.damageNote($0)] } ?? []) + (border.map { [$0.note] } ?? [])
        let borderEdits = border.map { [$0.edit(width: photo.width, height: photo.height)] } ?? []
        let (greyedLooks, blackAndWhiteNote) = Self.looks(options.looks, for: photo)
        let levelsOfDecoded = Self.startLevels(of: photo, refiner: refiner, since: start)
        var mark = Date()
        let upright: UprightPhoto
        do { upright = try uprightAnalysis(consume photo, name: name, faceIndex: options.faceIndex) } catch {
            levelsOfDecoded.done.wait()
            throw error
        }
        Trace.mark("analyse", since: mark)
        let quarterTurns = upright.quarterTurns, photoNotes = upright.notes, photoEdits = upright.edits, found = upright.analysis
        let image = upright.image
        _ = consume upright
        // A photo turned upright needs the levels of the turned pixels.
        let (wholePhotoLevels, levelling) = quarterTurns == 0 ? levelsOfDecoded : {
            levelsOfDecoded.done.wait()
            return Self.startLevels(of: image, refiner: refiner, since: start)
        }()
        defer { levelling.wait() }
        let givenMatte = given.map { $0.quarterTurned(clockwise: quarterTurns) }
        _ = consume given
        let (defaultFace, defaultFaceNote) = options.eachFace || options.faceIndex != nil
            ? (1, nil) : StudioPipeline.defaultFace(in: found, width: image.width, height: image.height)
        let faceNumber = options.faceIndex ?? defaultFace
        let faces: [(Int, Face)] = options.eachFace
            ? Array(found.facesBySize.enumerated().map { ($0.offset + 1, $0.element) })
            : [(faceNumber, try StudioPipeline.chooseFace(in: found, index: faceNumber, sourceName: name))]
        let names = OutputNames(folder: folder, eachFace: options.eachFace)
        try names.checkFree(faces: faces.map(\.0), looks: options.looks, presets: options.presets, force: options.force, input: file)
        var sign: SignOutput?
        var credentialNotes: [String] = []
        if let signer = options.signer {
            let mark = Date()
            do { sign = try signer.signer(forOutputsOf: file) } catch { throw .signing(file.path, reason: "\(error)") }
            credentialNotes = signer.notes(onInput: file)
            Trace.mark("signer ready", since: mark)
        }
        let earlier = FolderContents(folder)
        let writer = OutputWriter(sign: sign, force: options.force, written: earlier.written)
        let unfinished = UnfinishedOutputs.begin(earlier)
        defer { UnfinishedOutputs.end(unfinished) }
        try Self.makeFolder(folder)
        // A run that fails takes back what it wrote, so a refused photo leaves no half folder.
        do throws(StudioError) {
            var styles: [FramingStyle] = []
            for look in options.looks where !styles.contains(look.framing) { styles.append(look.framing) }
            // The contact sheet's input side (its tile, and the input preview written) is made on one
            // core while the matte stage refines the mattes (mostly one thread) once the model has
            // run; the claims before that use both cores.
            let inputTile = ResultSlots<Image>(count: 1)
            let preview = DispatchGroup()
            let previewing = RunOnce {
                DispatchQueue.global().async(group: preview) {
                    inputTile.set(0) { () throws(StudioError) -> Image in
                        defer { Trace.mark("input preview", since: start) }
                        return try ContactSheet.writeInputPreview(ContactSheet.inputThumbnails(image), names: names, writer: writer)
                    }
                }
            }
            defer { previewing.run(); preview.wait() }
            // The verifier's landmarks on the input are the same for every look of a face: they
            // are found once per face, also while the matte stage leaves a core idle.
            let verifier: (any FaceVerifier)? = options.verify ? VisionVerifier(analyzer: analyzer) : nil
            let inputLandmarks = ResultSlots<InputLandmarks>(count: verifier == nil ? 0 : faces.count)
            let searches = DispatchGroup()
            if let verifier {
                for (index, (_, face)) in faces.enumerated() {
                    guard let mesh = face.landmarks else { continue }
                    DispatchQueue.global().async(group: searches) {
                        inputLandmarks.set(index) { () throws(StudioError) -> InputLandmarks in
                            defer { Trace.mark("input landmarks", since: start) }
                            return InputLandmarks(image: image, expected: mesh, verifier: verifier)
                        }
                    }
                }
            }
            // The advice on each face (its report's measures read the photo) is made the same way.
            let advice = ResultSlots<PhotoAdvice.ForFace>(count: faces.count)
            for (index, (_, face)) in faces.enumerated() {
                DispatchQueue.global().async(group: searches) {
                    advice.set(index) { () throws(StudioError) -> PhotoAdvice.ForFace in
                        defer { Trace.mark("advice", since: start) }
                        return PhotoAdvice.forFace(face, in: image)
                    }
                }
            }
            mark = Date()
            // The analysis with its full-size mattes is read by the framings only: the slot lets it
            // go once the last framing has read it, so the renders reuse that memory instead of
            // growing the heap (every new page costs a fault and the kernel's zeroing).
            let analysis = ResultSlots<StudioAnalysis>(count: 1)
            do {
                defer { searches.wait() }
                // The model runs on the subjects while the levels are still being made.
                analysis.set(0) { () throws(StudioError) -> StudioAnalysis in
                    let made = try found.addingMattes(for: faces.map(\.1), styles: styles, image: image, analyzer: analyzer, sourceName: name,
                                                  whileRefining: previewing.run) {
                        levelling.wait()
                        return try? wholePhotoLevels.outcome(0).get()
                    }
                    return givenMatte.map { $0.resolving(made) } ?? made
                }
                if case let .failure(error) = analysis.outcome(0) { throw error }
            }
            let givenNote = givenMatte.flatMap { given in (try? analysis.outcome(0).get()).flatMap { given.note(for: $0) } }
            let (looks, cutOutNote) = Self.looks(greyedLooks, forCutOut: givenNote == GivenMatte.matteNote)
            // The input preview has started by now if the matte stage refined anything; it holds
            // the photo only until it is made.
            previewing.run()
            // The whole photo's levels hold the photo itself (`PhotoLevels.linear`): let them go too.
            wholePhotoLevels.setUses(0, 1)
            wholePhotoLevels.used(0)
            Trace.mark("subject mattes", since: mark)
            // Framing, matte warp, masks and edge cleanup depend on the look only through its frame:
            // they run once per face and frame. Each style's frame is known first, so styles the
            // photo gives the same frame (a portrait cut at the shoulders leaves the looser fit no
            // more room) are framed once (`FrameGroup`).
            let subjects: [((Int, Face), FrameGroup)]
            do {
                let studied = try analysis.outcome(0).get()
                subjects = faces.flatMap { face in
                    FrameGroup.grouping(styles) { style in
                        try? StudioPipeline.framing(image: image, analysis: studied, face: face.1, style: style, sourceName: name)
                    }.map { (face, $0) }
                }
            }
            // From here only the framings read the photo (each also makes the reduced surroundings
            // its defocused looks blur; the verifier's input landmarks are made already): the slot
            // lets it go after the last framing, so the renders reuse its memory. Each framing
            // queues its looks' renders and each render queues its files' encode+write, all on one
            // pool of workers, so the cores stay busy while the work per look differs.
            let photoWidth = image.width, photoHeight = image.height
            let photo = ResultSlots<Image>(count: 1)
            photo.put(0, consume image)
            let jobs = faces.flatMap { face in looks.map { (face, $0) } }
            let filesPerJob = options.presets.count + 2
            analysis.setUses(0, subjects.count)
            photo.setUses(0, subjects.count)
            let framed = ResultSlots<FramedSubject>(count: subjects.count)
            // Each look's result keeps only its sheet tile once its files are queued.
            let rendered = ResultSlots<(HeadshotReport, Image)>(count: jobs.count)
            let written = ResultSlots<Void>(count: jobs.count * filesPerJob)
            let pool = WorkerPool()
            // The sheet is made (not written) in the pool once every look has rendered, beside the
            // last look's file writes, instead of on one core after them.
            let rendersLeft = Countdown(jobs.count)
            let sheet = ResultSlots<ContactSheet.Prepared>(count: 1)
            let makeSheet: @Sendable () -> Void = {
                sheet.set(0) { () throws(StudioError) -> ContactSheet.Prepared in
                    let mark = Date()
                    defer { Trace.mark("contact sheet made", since: mark) }
                    let finished = try finishedHeadshots(rendered.outcomes(), jobs: jobs, eachFace: options.eachFace, name: name) { _ in }
                    preview.wait()
                    return try ContactSheet.prepare(report: photoReport(file: file, folder: folder, width: photoWidth, height: photoHeight, analysis: found,
                                                                        headshots: finished.map(\.0), names: names),
                                                    inputTile: inputTile.outcome(0).get(), headshots: finished, names: names, writer: writer)
                }
            }
            let studioOptions = StudioOptions(presets: options.presets, verifier: verifier, sourceName: name,
                                              inputLandmarks: inputLandmarks.outcomes().compactMap { try? $0.get() },
                                              photoNotes: fileNotes + credentialNotes + photoNotes + [defaultFaceNote, blackAndWhiteNote, givenNote, cutOutNote].compactMap { $0 },
                                              photoEdits: borderEdits + photoEdits,
                                              advice: advice.outcomes().compactMap { try? $0.get() })
            for (subjectIndex, ((number, face), group)) in subjects.enumerated() {
                pool.add {
                    framed.set(subjectIndex) { () throws(StudioError) -> FramedSubject in
                        let mark = Date()
                        defer { Trace.mark("frame \(group.style.fit)", since: mark); photo.used(0) }
                        let image = try photo.outcome(0).get()
                        // The framing takes its own copy of the mattes and drops it once they are warped.
                        let read = analysis.outcome(0)
                        analysis.used(0)
                        // What the group's looks read beside the person (the surroundings a defocused
                        // backdrop blurs, the canvas mottle) needs only the frame: made on the other core.
                        let groupLooks = looks.filter { group.styles.contains($0.framing) }
                        let (subject, extras) = Concurrently.run({ () -> Result<FramedSubject, StudioError> in
                            do throws(StudioError) {
                                return .success(try StudioPipeline.frame(image: image, analysis: (consume read).get(), face: face,
                                                                         style: group.style, framing: group.framing, sourceName: name))
                            } catch { return .failure(error) }
                        }, { group.framing.map { FramedSubject.extras(for: groupLooks, framing: $0, from: image) } })
                        let framedSubject = try subject.get().sharing(group.styles)
                        guard let extras else {
                            return framedSubject.addingSurroundings(for: groupLooks, from: image).addingCanvasNoise(for: groupLooks)
                        }
                        return framedSubject.adding(extras)
                    }
                    let groupJobs = jobs.enumerated().filter { $0.element.0.0 == number && group.styles.contains($0.element.1.framing) }
                    framed.setUses(subjectIndex, groupJobs.count)
                    for (index, (_, look)) in groupJobs {
                        pool.add {
                            rendered.set(index) { () throws(StudioError) -> (HeadshotReport, Image) in
                                let mark = Date()
                                defer { Trace.mark("render \(look.name)", since: mark) }
                                let subject = framed.outcome(subjectIndex)
                                framed.used(subjectIndex)
                                var (result, check) = try StudioPipeline.renderUnchecked(
                                    photo: { () throws(StudioError) -> Image in try photo.outcome(0).get() },
                                    framed: subject.get().serving(look.framing), face: face, look: look, options: studioOptions)
                                // The files do not depend on the landmark check: they are queued
                                // first, so a free worker writes them while this one checks.
                                for (k, output) in outputFiles(result, face: number, names: names, quality: options.quality).enumerated() {
                                    pool.add {
                                        written.set(index * filesPerJob + k) { () throws(StudioError) in
                                            let mark = Date()
                                            defer { Trace.mark("write \(output.url.lastPathComponent)", since: mark) }
                                            try writer.write(output.image, alpha: output.alpha, to: output.url, encoding: output.encoding, edits: output.edits)
                                        }
                                    }
                                }
                                if let check, let verifier {
                                    result = check.applied(check.run(verifier: verifier), to: result)
                                    Trace.mark("  verify", since: mark)
                                }
                                let tile: Image
                                do { tile = try ContactSheet.thumbnail(result.headshot.rgb, height: ContactSheet.thumbnailHeight) } catch {
                                    throw .imaging("\(error)")
                                }
                                return (headshotReport(result, face: number, names: names, options: options), tile)
                            }
                            if rendersLeft.finishOne() { pool.add(makeSheet) }
                        }
                    }
                }
            }
            let poolStart = Date()
            let idle = pool.run(workers: ProcessInfo.processInfo.activeProcessorCount)
            // How long each worker waited for work (a core idle but for other processes).
            for (worker, seconds) in idle.enumerated() { Trace.mark(String(format: "pool worker %d idle %.3f s of", worker, seconds), since: poolStart) }
            Trace.mark("frame+render+write", since: poolStart)
            if let error = written.failures().first { throw error }
            let finished = try finishedHeadshots(rendered.outcomes(), jobs: jobs, eachFace: options.eachFace, name: name) { message in
                FileHandle.standardError.write(Data(message.utf8))
            }
            var report = photoReport(file: file, folder: folder, width: photoWidth, height: photoHeight, analysis: found, headshots: finished.map(\.0), names: names)
            let sheetStart = Date()
            try sheet.outcome(0).get().write(names: names, writer: writer)
            Trace.mark("contact sheet written", since: sheetStart)
            report.seconds = Date().timeIntervalSince(start)
            return report
        } catch {
            earlier.removeWhatIsNew()
            throw error
        }
    }

    /// Creates `folder` and the folders above it (see `OutputFolder.make`).
    static func makeFolder(_ folder: URL) throws(StudioError) {
        do { try OutputFolder.make(folder) } catch { throw .writeFailed(error.folder, reason: error.reason) }
    }
}
