import Foundation

/// Everything that can go wrong while reading, writing or processing an image.
///
/// Each case names the file (or the in-memory source's name) and the operation, and its
/// `description` is one or two plain sentences a user can act on.
public enum ImagingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No file exists at `path`.
    case fileNotFound(path: String)
    /// The file exists but holds zero bytes.
    case emptyFile(path: String)
    /// No decoder recognises the bytes (not an image, or a format Echt does not read).
    case notAnImage(path: String)
    /// The format is recognised, but its header or pixel data is damaged or cut short.
    case damaged(path: String, detail: String)
    /// The header announces more pixels than the configured limit; nothing was decoded.
    case tooManyPixels(path: String, width: Int, height: Int, limit: Int)
    /// The output file exists and overwriting was not requested.
    case outputExists(path: String)
    /// The file could not be read (permissions, I/O error).
    case readFailed(path: String, detail: String)
    /// The file could not be written (permissions, full disk, missing folder).
    case writeFailed(path: String, detail: String)
    /// This libvips build cannot write the requested format.
    case formatUnavailable(format: String, detail: String)
    /// A libvips operation failed; `detail` is libvips' own error text.
    case operationFailed(operation: String, source: String, detail: String)
    /// A parameter was out of range.
    case invalidParameter(name: String, expected: String, received: String)

    /// One or two plain sentences naming the file or operation and what to do.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path) does not exist. Check the path and try again."
        case .emptyFile(let path):
            return "\(path) is empty (0 bytes), so there is no image to read."
        case .notAnImage(let path):
            return "\(path) is not an image Echt can read. Supported formats: \(ImageFormat.readableList)."
        case .damaged(let path, let detail):
            return "\(path) is damaged or truncated and could not be decoded (\(Self.trimmed(detail)))."
        case .tooManyPixels(let path, let width, let height, let limit):
            let megapixels = Double(width) * Double(height) / 1_000_000
            // The longer side that brings the photo within the limit, rounded down to 100 px.
            let side = Int(Double(max(width, height)) * (Double(limit) / (Double(width) * Double(height))).squareRoot()) / 100 * 100
            return "\(path) is \(width)x\(height) (\(Self.format(megapixels)) MP), above the limit of \(Self.format(Double(limit) / 1_000_000)) MP. Downscale it first, to a longer side of at most \(side) px."
        case .outputExists(let path):
            return "\(path) already exists. Choose another name or allow overwriting."
        case .readFailed(let path, let detail):
            return "\(path) could not be read: \(Self.trimmed(detail))."
        case .writeFailed(let path, let detail):
            return "\(path) could not be written: \(Self.trimmed(detail))."
        case .formatUnavailable(let format, let detail):
            return "This libvips build cannot write \(format) (\(Self.trimmed(detail))). Install the libvips module for it or choose JPEG or PNG."
        case .operationFailed(let operation, let source, let detail):
            return "libvips \(operation) failed on \(source): \(Self.trimmed(detail))."
        case .invalidParameter(let name, let expected, let received):
            return "expected \(expected) for \(name) but received \(received)."
        }
    }

    /// libvips error text folded to one line without a trailing full stop.
    static func trimmed(_ text: String) -> String {
        let oneLine = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        var joined = oneLine.joined(separator: "; ")
        while joined.hasSuffix(".") { joined.removeLast() }
        return joined.isEmpty ? "no detail given" : joined
    }

    private static func format(_ value: Double) -> String {
        value >= 10 ? String(Int(value.rounded())) : String((value * 10).rounded() / 10)
    }
}
