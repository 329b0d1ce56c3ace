import Foundation

/// Writes bytes so a reader never sees a half-written file.
///
/// The bytes go to a temporary file in the destination's folder, which is then renamed over
/// the destination (an atomic step on one file system). Without `overwrite`, an existing
/// destination is never replaced, not even by a file created during the write. Every write
/// passes `WriteGate.shared`, so none starts once an interrupted run has closed it.
public enum AtomicFile {
    /// Writes `data` to `url` atomically.
    public static func write(_ data: Data, to url: URL, overwrite: Bool = false) throws(ImagingError) {
        let path = url.path
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .writeFailed(path: path, detail: "the folder \(folder.path) does not exist")
        }
        if !overwrite && FileManager.default.fileExists(atPath: path) { throw .outputExists(path: path) }
        guard WriteGate.shared.enter() else { throw .writeFailed(path: path, detail: "the run was interrupted") }
        defer { WriteGate.shared.leave() }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary, options: .withoutOverwriting)
        } catch {
            throw .writeFailed(path: path, detail: error.localizedDescription)
        }
        let moved = overwrite ? rename(temporary.path, path) : link(temporary.path, path)
        let code = errno
        if !overwrite { unlink(temporary.path) }
        guard moved == 0 else {
            if overwrite { unlink(temporary.path) }
            if code == EEXIST { throw .outputExists(path: path) }
            throw .writeFailed(path: path, detail: String(cString: strerror(code)))
        }
    }
}
