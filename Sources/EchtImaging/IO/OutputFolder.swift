import Foundation

/// Makes the folder an output goes to, with the folders above it, and says in plain words why
/// it cannot: a file stands where a folder should be, or the system refused (permissions,
/// space, a read-only disk).
public enum OutputFolder {
    /// Why a folder could not be made: the folder asked for and a reason for use after a colon.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        /// The folder that was to be made.
        public let folder: String
        /// What stood in the way, in lower case, ending in what to do.
        public let reason: String

        /// One sentence for the user.
        public var description: String { "The folder \(folder) could not be made: \(reason)." }
    }

    /// Creates `folder` and every missing folder above it; an existing folder is fine.
    public static func make(_ folder: URL) throws(Refusal) {
        var ancestor = folder
        while ancestor.path != "/" && !ancestor.path.isEmpty {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder) {
                if !isFolder.boolValue {
                    throw Refusal(folder: folder.path, reason: "\(ancestor.path) is a file, not a folder; choose another output folder")
                }
                break
            }
            ancestor.deleteLastPathComponent()
        }
        // Each missing folder from the existing ancestor down, so the system's own reason is kept.
        var missing: [URL] = []
        var step = folder
        while step.path.count > ancestor.path.count { missing.append(step); step.deleteLastPathComponent() }
        for made in missing.reversed() where mkdir(made.path, 0o777) != 0 {
            let code = errno
            guard code != EEXIST else { continue }
            throw Refusal(folder: folder.path, reason: "the system refused to make the folder \(made.path) (\(SystemReason.text(errno: code))); choose another output folder")
        }
    }
}
