import Foundation

/// The names in an output folder before a run, so that a run that fails can remove the files it
/// added (and the folder, if the run made it) while files that were there before stay.
struct FolderContents {
    let folder: URL
    /// The names present before the run; nil when the folder did not exist.
    let names: Set<String>?

    /// Reads what `folder` holds now.
    init(_ folder: URL) {
        self.folder = folder
        names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)).map(Set.init)
    }

    /// Removes every file that was not there before, then the folder if it is new and empty.
    func removeWhatIsNew() {
        let manager = FileManager.default
        let now = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in now where !(names?.contains(name) ?? false) {
            try? manager.removeItem(at: folder.appendingPathComponent(name))
        }
        if names == nil, (try? manager.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? manager.removeItem(at: folder)
        }
    }
}
