import Foundation

extension URL {
    /// The file's path with `.`, `..` and symbolic links resolved: two URLs naming the same
    /// file or folder give the same path.
    public var resolvedPath: String { standardizedFileURL.resolvingSymlinksInPath().path }
}
