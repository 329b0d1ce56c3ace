import Foundation

/// The names in an output folder before a run and the files the run has written there, so that
/// a run that fails can remove the files it added (and the folder, if the run made it) while
/// files that were there before, or that another run writes into the same folder at the same
/// time, stay.
struct FolderContents: Sendable {
    let folder: URL
    /// The names present before the run; nil when the folder did not exist.
    let names: Set<String>?
    /// The files this run has written (`OutputWriter` adds each once it is in place).
    let written = WrittenFiles()

    /// Reads what `folder` holds now.
    init(_ folder: URL) {
        self.folder = folder
        names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)).map(Set.init)
    }

    /// Removes every file this run wrote that was not there before, then the folder if it is
    /// new and empty. Returns how many files it removed and how many it leaves that this run
    /// wrote over (with `--force`), which hold the run's new pictures beside older files.
    @discardableResult
    func removeWhatIsNew() -> (removed: Int, replaced: Int) {
        let manager = FileManager.default
        let path = folder.standardizedFileURL.path
        var removed = 0, replaced = 0
        for url in written.all where url.deletingLastPathComponent().standardizedFileURL.path == path {
            if names?.contains(url.lastPathComponent) ?? false { replaced += 1; continue }
            if (try? manager.removeItem(at: url)) != nil { removed += 1 }
        }
        if names == nil, (try? manager.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? manager.removeItem(at: folder)
        }
        return (removed, replaced)
    }
}

/// The files a run has written, in the order they were put in place; shared by the run's writers.
final class WrittenFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var urls: [URL] = []

    /// Records `url` as written by this run.
    func add(_ url: URL) {
        lock.lock(); urls.append(url); lock.unlock()
    }

    /// Every file recorded so far.
    var all: [URL] {
        lock.lock(); defer { lock.unlock() }
        return urls
    }
}
