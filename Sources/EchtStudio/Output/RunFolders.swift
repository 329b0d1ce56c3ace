import Foundation

/// The output folder name of every photo of one run, so that two photos with the same file
/// name (`card1/IMG_0001.JPG`, `card2/IMG_0001.JPG`) never write into the same folder: the
/// first keeps its name without extension, later ones get `-2`, `-3`, … Names are compared
/// ignoring case, as a case-insensitive file system would.
public enum RunFolders {
    /// The folder name for each of `files`, in order.
    public static func names(for files: [URL]) -> [String] {
        let stems = files.map { $0.deletingPathExtension().lastPathComponent }
        // A stem that some photo has as its own name is never handed out as another's suffix form.
        var taken = Set<String>()
        var names: [String] = []
        let own = Set(stems.map { $0.lowercased() })
        for stem in stems {
            var name = stem, next = 2
            while taken.contains(name.lowercased()) || (name != stem && own.contains(name.lowercased())) {
                name = "\(stem)-\(next)"
                next += 1
            }
            taken.insert(name.lowercased())
            names.append(name)
        }
        return names
    }

    /// `files` without repeats of the same file (the same path after resolving `.`, `..` and
    /// symbolic links), in order; `repeated` lists each file dropped.
    public static func distinct(_ files: [URL]) -> (files: [URL], repeated: [URL]) {
        var seen = Set<String>(), kept: [URL] = [], repeated: [URL] = []
        for file in files {
            let key = file.resolvedPath
            if seen.insert(key).inserted { kept.append(file) } else { repeated.append(file) }
        }
        return (kept, repeated)
    }
}
