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
