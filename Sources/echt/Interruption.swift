import EchtImaging
import EchtStudio
import Foundation

/// Ctrl-C (SIGINT) and SIGTERM during `echt studio`: the photo being made is taken back (its new
/// files and temporary files removed, as when it fails), one line says so, and the process exits
/// with 128 + the signal's number. Photos finished before stay.
enum Interruption {
    /// Installs the handlers; call once before the work starts.
    static func takeBackUnfinishedPhotos() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let folders = UnfinishedOutputs.takeBack()
                let emptied = folders.filter { $0.removed > 0 }.map(\.folder.path)
                let taken = emptied.isEmpty ? "" : " Took back the unfinished files in \(emptied.joined(separator: ", "))."
                let mixed = folders.filter { $0.replaced > 0 }.map {
                    " \($0.folder.path) keeps the \($0.replaced) file(s) --force had already replaced beside its older ones; run the same command again to finish it."
                }.joined()
                FileHandle.standardError.write(Data("\necht: interrupted.\(taken)\(mixed) Finished photos are kept.\n".utf8))
                // `_exit`, not `exit`: the workers may still be inside libvips, and the exit
                // handlers `exit` runs (libvips' and GLib's among them) crashed under them.
                fflush(nil)
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Blocks the calling thread for good when the run is being interrupted (the handler takes
    /// the files back and ends the process), so that it prints nothing more; returns otherwise.
    static func parkIfInterrupted() {
        guard WriteGate.shared.isClosed else { return }
        while true { Thread.sleep(forTimeInterval: 60) }
    }

    /// The installed sources (a dispatch source stops when released).
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
}
