extension StudioSession.Options {
    /// Throws what makes these options unusable for any photo, before any work: two looks of one
    /// name, a JPEG quality outside 1...100, sizes that cannot be made, or two outputs with one
    /// file name. `StudioSession.run`
    /// checks it for each photo; a caller with many photos checks once first.
    public func check() throws(StudioError) {
        var lookNames = Set<String>()
        for look in looks where !lookNames.insert(look.name.lowercased()).inserted { throw .duplicateLookName(look.name) }
        if !(1...100).contains(quality) { throw .invalidQuality(quality) }
        if let problem = OutputPreset.problem(with: presets) { throw .invalidSizes(problem) }
        // Every face's names start alike (`face<N>-` or nothing), so face 1's names show any clash.
        try OutputNames(folder: outDirectory, eachFace: eachFace).checkDistinct(faces: [1], looks: looks, presets: presets)
    }
}
