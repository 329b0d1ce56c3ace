import EchtStudio
import Foundation
import Testing

/// Folder names for the photos of one run never collide.
@Suite struct RunFoldersTests {
    private func urls(_ paths: [String]) -> [URL] { paths.map { URL(fileURLWithPath: $0) } }

    @Test func photosWithDistinctNamesKeepTheirNames() {
        #expect(RunFolders.names(for: urls(["/a/x.jpg", "/a/y.heic", "/b/z.png"])) == ["x", "y", "z"])
    }

    @Test func laterPhotosWithATakenNameAreNumbered() {
        #expect(RunFolders.names(for: urls(["/card1/IMG_0001.JPG", "/card2/IMG_0001.JPG", "/card3/IMG_0001.jpeg"]))
                == ["IMG_0001", "IMG_0001-2", "IMG_0001-3"])
    }

    /// Case-insensitive file systems (macOS) would put `X` and `x` into one folder.
    @Test func namesDifferingOnlyInCaseAreNumbered() {
        #expect(RunFolders.names(for: urls(["/a/Portrait.jpg", "/b/portrait.png"])) == ["Portrait", "portrait-2"])
    }

    /// A numbered name never lands on another photo's own name, wherever that photo comes.
    @Test func aNumberedNameSkipsAnotherPhotosOwnName() {
        #expect(RunFolders.names(for: urls(["/a/x.jpg", "/b/x.jpg", "/c/x-2.jpg"])) == ["x", "x-3", "x-2"])
        #expect(RunFolders.names(for: urls(["/c/x-2.jpg", "/a/x.jpg", "/b/x.jpg"])) == ["x-2", "x", "x-3"])
        let names = RunFolders.names(for: urls(["/a/x.jpg", "/b/x.jpg", "/c/x-2.jpg", "/d/x-3.png", "/e/x.webp"]))
        #expect(Set(names.map { $0.lowercased() }).count == names.count, "\(names)")
    }

    @Test func theSameFileNamedTwiceIsMadeOnce() {
        let (files, repeated) = RunFolders.distinct(urls(["/a/x.jpg", "/a/./x.jpg", "/b/x.jpg", "/a/b/../x.jpg"]))
        #expect(files.map(\.path) == ["/a/x.jpg", "/b/x.jpg"])
        #expect(repeated.count == 2)
    }
}

/// Folders named as input stand for the photos in them.
@Suite struct RunPhotosTests {
    private func folder(with names: [String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("echt-photos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names {
            if name.hasSuffix("/") {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
            } else {
                try Data("x".utf8).write(to: folder.appendingPathComponent(name))
            }
        }
        return folder
    }

    /// A shoot's folder gives its photos in the camera's numeric order, without sidecar files,
    /// hidden files or subfolders (such as an output folder inside it).
    @Test func aFolderGivesThePhotosDirectlyInsideItInNumericOrder() throws {
        let shoot = try folder(with: ["IMG_10.JPG", "IMG_9.jpg", "IMG_2.heic", "notes.txt", "IMG_9.xmp", ".hidden.jpg",
                                      "out/", "raw.jpg/", "b.webp", "a.PNG", "c.tiff"])
        defer { try? FileManager.default.removeItem(at: shoot) }
        let photos = try RunPhotos.expand([shoot])
        #expect(photos.map(\.lastPathComponent) == ["a.PNG", "b.webp", "c.tiff", "IMG_2.heic", "IMG_9.jpg", "IMG_10.JPG"])
    }

    /// Files are kept as named, in the order given, missing ones too (the decoder says what is wrong).
    @Test func filesAreKeptAsGiven() throws {
        let shoot = try folder(with: ["z.jpg"])
        defer { try? FileManager.default.removeItem(at: shoot) }
        let named = [URL(fileURLWithPath: "/nowhere/missing.jpg"), shoot.appendingPathComponent("z.jpg"), shoot]
        #expect(try RunPhotos.expand(named).map(\.path) == [named[0].path, named[1].path, named[1].path])
    }

    @Test func aFolderWithoutPhotosIsAnError() throws {
        let empty = try folder(with: ["notes.txt", "sub/"])
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: StudioError.noPhotosInFolder(empty.path)) { try RunPhotos.expand([empty]) }
    }
}
