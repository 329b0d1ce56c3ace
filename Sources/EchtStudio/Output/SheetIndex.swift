import EchtImaging
import Foundation

/// `sheet.json`: the report behind a folder's contact sheet. A later run of the same photo with
/// other looks reads it, keeps the earlier headshots whose files are still there, and shows
/// them beside the new ones.
enum SheetIndex {
    /// The folder's index, if it holds one Echt wrote.
    static func read(_ names: OutputNames) -> PhotoReport? {
        guard let data = try? Data(contentsOf: names.sheetIndex) else { return nil }
        return try? JSONDecoder().decode(PhotoReport.self, from: data)
    }

    /// The index as written to disk.
    static func encode(_ report: PhotoReport) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(report)) ?? Data()
    }

    /// Earlier headshots of the same input that this run did not render again and whose files
    /// still decode, with their pictures for the sheet.
    static func earlier(_ names: OutputNames, input: String, replacing current: [HeadshotReport]) -> [(HeadshotReport, Image)] {
        guard let previous = read(names), previous.input == input else { return [] }
        return previous.headshots.compactMap { old in
            guard !current.contains(where: { $0.look == old.look && $0.face == old.face }),
                  let image = try? ImageFile.decode(contentsOf: URL(fileURLWithPath: old.file)).image else { return nil }
            return (old, image)
        }
    }
}
