import Foundation

/// The photo files a run's arguments name: a file as given, a folder as the photos directly
/// inside it (a photographer's shoot), sorted by name with numbers in numeric order.
public enum RunPhotos {
    /// File extensions taken from a folder, lower case.
    public static let extensions: Set<String> = ["jpg", "jpeg", "jpe", "png", "heic", "heif", "avif", "webp", "tif", "tiff", "jxl"]

    /// `arguments` with every folder replaced by the photos in it (not its subfolders; hidden
    /// files and other files are left out). Throws when a folder holds no photo.
    public static func expand(_ arguments: [URL]) throws(StudioError) -> [URL] {
        var photos: [URL] = []
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument.path, isDirectory: &isFolder), isFolder.boolValue else {
                photos.append(argument)  // a file, or a missing path the decoder reports
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: argument.path)) ?? []
            let inside = names
                .filter { !$0.hasPrefix(".") && extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted { $0.compare($1, options: [.numeric, .caseInsensitive]) == .orderedAscending }
                .map { argument.appendingPathComponent($0) }
                .filter { url in
                    var isFolder: ObjCBool = false
                    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && !isFolder.boolValue
                }
            if inside.isEmpty { throw .noPhotosInFolder(argument.path) }
            photos += inside
        }
        return photos
    }
}
