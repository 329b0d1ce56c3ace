import Foundation

/// Plain words for why the operating system refused a file operation.
///
/// Foundation on Linux words many refusals as "The operation could not be completed", which tells
/// a user nothing; the system's own error number says what to fix (permissions, a full or
/// read-only disk, a missing folder).
public enum SystemReason {
    /// The reason for the system error number `code`, in lower case, for use after a colon.
    public static func text(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is used up"
        case EROFS: return "the disk is read-only"
        case ENOENT: return "no such file or folder"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case ENAMETOOLONG: return "the name is too long"
        case EISDIR: return "a folder stands where the file should be"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    /// The reason Foundation's `error` stands for: the system's error number where it carries
    /// one, otherwise its own description.
    public static func text(for error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return text(errno: Int32(nsError.code)) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return text(errno: Int32(underlying.code))
        }
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileReadNoPermission, .fileWriteNoPermission: return text(errno: EACCES)
            case .fileReadNoSuchFile, .fileNoSuchFile: return text(errno: ENOENT)
            case .fileWriteOutOfSpace: return text(errno: ENOSPC)
            case .fileWriteVolumeReadOnly: return text(errno: EROFS)
            case .fileReadTooLarge: return "the file is too large to read"
            case .fileReadUnknown: return "the system could not read it"
            case .fileWriteUnknown: return "the system could not write it"
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
