import Foundation

/// Fixtures for the Content Credentials tests: the C2PA brief's vectors, a tiny PNG encoder, the reference reader.
public enum CredentialsFixtures {
    /// The C2PA brief folder (`shared/docs/c2pa`, see `Fixtures.sharedDocs`), if it holds the reference file.
    public static var c2paDocs: URL? {
        guard let url = Fixtures.sharedDocs?.appendingPathComponent("c2pa"),
              FileManager.default.fileExists(atPath: url.appendingPathComponent("reference.jpg").path) else { return nil }
        return url
    }

    /// A file of the brief's `work/` folder, or the brief folder itself for `reference.jpg`.
    public static func c2paFile(_ name: String) -> URL? {
        guard let docs = c2paDocs else { return nil }
        let direct = docs.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: direct.path) { return direct }
        let work = docs.appendingPathComponent("work").appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: work.path) ? work : nil
    }

    /// A valid RGB PNG (8-bit, zlib stored blocks) with a deterministic gradient.
    public static func png(width: Int, height: Int, seed: UInt8 = 0) -> Data {
        var raw = Data()
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width {
                raw.append(contentsOf: [UInt8(truncatingIfNeeded: x * 7 &+ Int(seed)), UInt8(truncatingIfNeeded: y * 5), UInt8(truncatingIfNeeded: x ^ y)])
            }
        }
        var zlib = Data([0x78, 0x01])
        var offset = 0
        repeat {
            let n = min(65535, raw.count - offset)
            zlib.append(offset + n == raw.count ? 1 : 0)
            zlib.append(contentsOf: [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)])
            zlib.append(raw[offset..<(offset + n)])
            offset += n
        } while offset < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        zlib.append(contentsOf: withUnsafeBytes(of: (b << 16 | a).bigEndian, Array.init))
        var ihdr = Data()
        ihdr.append(contentsOf: withUnsafeBytes(of: UInt32(width).bigEndian, Array.init))
        ihdr.append(contentsOf: withUnsafeBytes(of: UInt32(height).bigEndian, Array.init))
        ihdr.append(contentsOf: [8, 2, 0, 0, 0])
        var out = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        out.append(pngChunk("IHDR", ihdr))
        out.append(pngChunk("IDAT", zlib))
        out.append(pngChunk("IEND", Data()))
        return out
    }

    private static func pngChunk(_ type: String, _ data: Data) -> Data {
        var out = Data(withUnsafeBytes(of: UInt32(data.count).bigEndian, Array.init))
        let body = Data(type.utf8) + data
        out.append(body)
        var c: UInt32 = 0xFFFF_FFFF
        for byte in body {
            c ^= UInt32(byte)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        out.append(contentsOf: withUnsafeBytes(of: (c ^ 0xFFFF_FFFF).bigEndian, Array.init))
        return out
    }

    /// The reference reader's Python (c2pa-python in a venv built by `scripts/c2pa/setup.sh`), or nil when it cannot be built.
    public static let referencePython: URL? = {
        let script = Fixtures.repositoryRoot.appendingPathComponent("scripts/c2pa/setup.sh")
        guard let output = try? run(URL(fileURLWithPath: "/bin/sh"), [script.path]), output.status == 0 else { return nil }
        let path = String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }()

    /// Runs one of the `scripts/c2pa/*.py` helpers with the reference Python and returns stdout.
    public static func runReferenceScript(_ name: String, _ arguments: [String]) throws -> Data {
        guard let python = referencePython else { throw CocoaError(.fileNoSuchFile) }
        let script = Fixtures.repositoryRoot.appendingPathComponent("scripts/c2pa/\(name)").path
        let output = try run(python, [script] + arguments)
        guard output.status == 0 else {
            throw NSError(domain: "c2pa-python", code: Int(output.status),
                          userInfo: [NSLocalizedDescriptionKey: String(decoding: output.stderr, as: UTF8.self)])
        }
        return output.stdout
    }

    private static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let output = try ChildProcess.run(executable, arguments)
        return (output.status, output.stdout, output.stderr)
    }

    /// A 16×16 grey baseline JPEG (277 bytes: SOI, JFIF, DQT, SOF0, DHT, SOS, EOI) written once by libvips from noise,
    /// so JPEG signing is tested without the shared docs.
    public static let tinyJPEG: Data = {
        let hex = [
        "ffd8ffdb0043000503040404030504040405050506070c08070707070f0b0b090c110f1212110f111113161c1713141a1511",
        "111821181a1d1d1f1f1f13172224221e241c1e1f1effc0000b080010001001011100ffc40016000101010000000000000000",
        "0000000000020104ffc400221000020202020202030000000000000000010203041112052113220014233171ffda00080101",
        "00003f00ad6b923c856b77f52fbb85314a5a2883c2aca32aca752a00219bb00e011d90865b3c5c4d616ab3dc8d47d88e2f27",
        "7d1f5c2f67f63bfe80032909e182278b90868c6f55dd9ec41f8d95d5cb2e084c6a029ce4a80a4b635f665cf726b62cd8861a",
        "f6a8c3aa959199f0625d81db2a5770ca430002f902e01201f9ffd9",
        ].joined()
        var bytes = [UInt8]()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return Data(bytes)
    }()
}
