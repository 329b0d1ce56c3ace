import Foundation

/// Writes bytes so a reader never sees a half-written file.
///
/// The bytes go to a temporary file in the destination's folder, which is then renamed over
/// the destination (an atomic step on one file system). Without `overwrite`, an existing
/// destination is never replaced, not even by a file created during the write. Every write
/// passes `WriteGate.shared`, so none starts once an interrupted run has closed it.
public enum AtomicFile {
    /// Writes `data` to `url` atomically; `placed` runs once the file is in place, before an
    /// interrupted run (`WriteGate`) can stop waiting for this write.
    public static func write(_ data: Data, to url: URL, overwrite: Bool = false, placed: () -> Void = {}) throws(ImagingError) {
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
        if let code = Self.create(temporary.path, with: data) {
            throw .writeFailed(path: path, detail: SystemReason.text(errno: code))
        }
        let moved = overwrite ? rename(temporary.path, path) : link(temporary.path, path)
        let code = errno
        if !overwrite { unlink(temporary.path) }
        guard moved == 0 else {
            if overwrite { unlink(temporary.path) }
            if code == EEXIST { throw .outputExists(path: path) }
            throw .writeFailed(path: path, detail: SystemReason.text(errno: code))
        }
        placed()
    }

    /// Creates the new file `path` holding `data`; the system's error number if it cannot (and
    /// then no file is left behind).
    private static func create(_ path: String, with data: Data) -> Int32? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return errno }
        var failure: Int32?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0 && failure == nil { failure = errno }
        if failure != nil { unlink(path) }
        return failure
    }
}
