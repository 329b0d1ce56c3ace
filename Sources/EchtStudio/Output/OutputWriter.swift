import EchtImaging
import Foundation

/// Encodes, signs and writes one photo's output files: each file appears whole or not at all
/// (atomic rename), and an existing file is replaced only when the user asked for it.
struct OutputWriter: Sendable {
    /// Adds Content Credentials for the photo the outputs are made from; nil writes unsigned files.
    let sign: SignOutput?
    /// Replace existing files.
    let force: Bool
    /// Where each file written is recorded, so that a failed run takes back its own files only.
    var written: WrittenFiles? = nil

    /// Encodes `image` (with `alpha` as its straight alpha plane, when given), signs it with
    /// `edits` and writes it to `url`.
    func write(_ image: Image, alpha: Image? = nil, to url: URL, encoding: EncodeOptions, edits: [EditAction]) throws(StudioError) {
        let data: Data
        do {
            if let alpha {
                data = try ImageFile.encode(image, alpha: alpha, options: encoding, name: url.path)
            } else {
                data = try ImageFile.encode(image, options: encoding, name: url.path)
            }
        } catch {
            throw .imaging(error.description)
        }
        try write(data, to: url, format: encoding.format, edits: edits)
    }

    /// Signs already encoded bytes with `edits` and writes them to `url`.
    func write(_ encoded: Data, to url: URL, format: OutputFormat, edits: [EditAction]) throws(StudioError) {
        try writeUnsigned(signed(encoded, for: url, format: format, edits: edits), to: url, overwrite: force)
    }

    /// Encoded bytes with Content Credentials for `edits` added (as they are, when unsigned);
    /// `url` names the file in errors.
    func signed(_ encoded: Data, for url: URL, format: OutputFormat, edits: [EditAction]) throws(StudioError) -> Data {
        guard let sign else { return encoded }
        do { return try sign(encoded, format, edits) } catch {
            throw .signing(url.path, reason: "\(error)")
        }
    }

    /// Writes bytes that carry no credentials (the HTML page, the sheet index).
    func writeUnsigned(_ data: Data, to url: URL, overwrite: Bool) throws(StudioError) {
        do { try AtomicFile.write(data, to: url, overwrite: overwrite) { written?.add(url) } } catch {
            switch error {
            case .outputExists: throw .outputExists(url.path)
            case let .writeFailed(_, detail): throw .writeFailed(url.path, reason: detail)
            default: throw .imaging(error.description)
            }
        }
    }
}
