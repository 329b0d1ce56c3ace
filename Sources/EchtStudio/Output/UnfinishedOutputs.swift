import EchtImaging
import Foundation

/// The output folders of the photos being made right now, so that an interrupted run (Ctrl-C)
/// can take back their unfinished files, as a failed run does: a rerun then starts clean
/// instead of refusing to overwrite half a photo's files.
public enum UnfinishedOutputs {
    private static let registry = Registry()

    /// Records `contents` (a photo's folder as it was before its run) until `end(_:)`.
    static func begin(_ contents: FolderContents) -> Int {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        registry.next += 1
        registry.open[registry.next] = contents
        return registry.next
    }

    /// Forgets the photo `token` names: its files are finished (or already taken back).
    static func end(_ token: Int) {
        registry.lock.lock()
        registry.open[token] = nil
        registry.lock.unlock()
    }

    /// Stops every further write (`WriteGate.shared`), waits for the writes in progress, then removes
    /// what each unfinished photo added to its folder. Returns those folders, each with how many
    /// files were removed and how many it wrote over (`--force`): those stay, new beside the
    /// folder's older files.
    public static func takeBack() -> [(folder: URL, removed: Int, replaced: Int)] {
        WriteGate.shared.close()
        registry.lock.lock()
        let open = registry.open.sorted { $0.key < $1.key }.map(\.value)
        registry.open = [:]
        registry.lock.unlock()
        return open.map { contents in
            let outcome = contents.removeWhatIsNew()
            return (contents.folder, outcome.removed, outcome.replaced)
        }
    }
}

/// The registry's state, guarded by its lock.
private final class Registry: @unchecked Sendable {
    let lock = NSLock()
    var next = 0
    var open: [Int: FolderContents] = [:]
}
