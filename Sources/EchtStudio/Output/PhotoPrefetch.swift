import Dispatch
import EchtImaging
import Foundation

/// A photo of a batch decoded on another thread before its turn. Decoding runs on one core, so a
/// photo's own decode leaves the other core idle; in a shoot, the next photo's decode takes that
/// core instead (and any other a stage leaves idle), and the next photo starts at its face search.
/// A file that cannot be decoded gives its error at its turn, as if decoded then.
public final class PhotoPrefetch: @unchecked Sendable {
    /// Photos with more pixels are decoded at their turn: their decoded copy (12 bytes a pixel)
    /// would add too much memory beside the photo being made.
    public static let largestPixels = 30_000_000

    /// A prefetch of `file` when its header says it holds at most `largest` pixels; nil otherwise,
    /// also when the header cannot be read (the run then reports why, at the photo's turn).
    public static func starting(file: URL, largest: Int = largestPixels) -> PhotoPrefetch? {
        guard let info = try? ImageFile.info(contentsOf: file), info.width * info.height <= largest else { return nil }
        return PhotoPrefetch(file: file)
    }

    /// The file being decoded.
    public let file: URL
    private let lock = NSLock()
    private var decoded: Result<(image: Image, damage: String?), StudioError>?
    private let finished = DispatchGroup()

    /// Starts decoding `file` on another thread.
    public init(file: URL) {
        self.file = file
        finished.enter()
        DispatchQueue.global().async { [self] in
            let outcome = Result { () throws(StudioError) -> (image: Image, damage: String?) in try StudioSession.decode(file) }
            lock.lock(); decoded = outcome; lock.unlock()
            finished.leave()
        }
    }

    /// The decoded photo and its damage (`StudioSession.decode`), once decoded (waits for the
    /// decode). The prefetch keeps no copy, so the run that takes it can let the photo's memory
    /// go when it is done with it.
    func take() throws(StudioError) -> (image: Image, damage: String?) {
        finished.wait()
        lock.lock(); defer { lock.unlock() }
        guard let outcome = decoded else { throw .imaging("the photo \(file.path) was taken twice from its prefetch") }
        decoded = .failure(.imaging("the photo \(file.path) was taken twice from its prefetch"))
        return try outcome.get()
    }
}
