import Foundation

/// Builds the XMP packet Echt embeds (IPTC Photo Metadata via XMP; Adobe XMP Specification Part 3).
enum XMPPacket {
    /// The largest packet that fits one JPEG APP1 segment with margin.
    static let maximumBytes = 60_000

    static func make(metadata: IPTCMetadata, digitalSourceType: DigitalSourceType, instanceID: String) throws(CredentialsError) -> Data {
        var props: [String] = [
            "   <xmpMM:InstanceID>\(escape(instanceID))</xmpMM:InstanceID>",
            "   <xmp:CreatorTool>\(escape(metadata.software))</xmp:CreatorTool>",
            "   <Iptc4xmpExt:DigitalSourceType>\(escape(digitalSourceType.uri))</Iptc4xmpExt:DigitalSourceType>",
        ]
        if let creator = metadata.creator {
            props.append("   <dc:creator><rdf:Seq><rdf:li>\(escape(creator))</rdf:li></rdf:Seq></dc:creator>")
        }
        if let rights = metadata.copyright {
            props.append("   <dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">\(escape(rights))</rdf:li></rdf:Alt></dc:rights>")
        }
        if let credit = metadata.credit {
            props.append("   <photoshop:Credit>\(escape(credit))</photoshop:Credit>")
        }
        if let release = metadata.modelRelease {
            props.append("   <plus:ModelReleaseStatus>\(release.uri)</plus:ModelReleaseStatus>")
        }
        let body = """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
            xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
            xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
            xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/">
        \(props.joined(separator: "\n"))
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        \(String(repeating: " ", count: 1024))
        <?xpacket end="w"?>
        """
        let data = Data(body.utf8)
        guard data.count <= maximumBytes else { throw .metadataTooLarge(bytes: data.count) }
        return data
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if ch.value < 0x20, ch != "\n", ch != "\t" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// The `xmpMM:InstanceID` (else `xmpMM:DocumentID`) of the XMP in a file, element or attribute form, if any.
    static func instanceID(in file: Data) -> String? {
        let head = file.prefix(1 << 20)
        for property in ["xmpMM:InstanceID", "xmpMM:DocumentID"] {
            // Byte search first: decoding a whole photo as a String is far too slow.
            guard let hit = firstOffset(of: Array(property.utf8), in: head) else { continue }
            let start = head.startIndex + hit
            let window = String(decoding: head[start..<min(head.endIndex, start + 300)], as: UTF8.self)
            for (open, close) in [("\(property)>", "<"), ("\(property)=\"", "\"")] {
                guard window.hasPrefix(open) else { continue }
                let rest = window.dropFirst(open.count)
                guard let end = rest.range(of: close) else { continue }
                let value = rest[..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
                if !value.isEmpty, value.count < 200 { return value }
            }
        }
        return nil
    }

    /// The offset of the first occurrence of `pattern` in `data`, by a plain byte scan (the
    /// generic `firstRange(of:)` on `Data` takes about 0.1 s per megabyte).
    static func firstOffset(of pattern: [UInt8], in data: Data) -> Int? {
        guard let first = pattern.first, data.count >= pattern.count else { return nil }
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int? in
            let last = bytes.count - pattern.count
            var i = 0
            while i <= last {
                if bytes[i] == first {
                    var k = 1
                    while k < pattern.count && bytes[i + k] == pattern[k] { k += 1 }
                    if k == pattern.count { return i }
                }
                i += 1
            }
            return nil
        }
    }
}
