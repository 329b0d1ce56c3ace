import ArgumentParser
import EchtCredentials
import Foundation

/// `echt verify FILE...`: reads and checks the Content Credentials of any JPEG or PNG.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read and check the Content Credentials (C2PA) of JPEG and PNG files.",
        discussion: """
        Prints the active manifest (signer, claimed time, generator, actions, ingredient chain) and the \
        validation result: hard-binding hash, signature, certificate, trust. A file signed with a local \
        studio certificate is intact but untrusted unless you pass its root with --trust.

        Exit codes (the worst file decides):
          0  valid and trusted
          2  valid but the signer is not trusted (e.g. a local studio certificate)
          3  invalid: changed after signing, bad signature or certificate, malformed manifest
          4  no Content Credentials
          1  a file could not be read
        """
    )

    @Argument(help: "JPEG or PNG files to check.")
    var files: [String]

    @Flag(help: "Print a JSON object mapping each file to its report instead of text.")
    var json = false

    @Option(help: "PEM file of CA certificates to trust (e.g. your studio root).")
    var trust: String?

    func run() async throws {
        try await reportingErrors {
            let anchors = try trust.map { path in
                guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.contains("-----BEGIN CERTIFICATE-----") else {
                    throw VerifyError.unreadableTrust(path)
                }
                return text
            }
            var worst: Verdict = .trusted
            var unreadable = false
            var results: [String: VerificationReport] = [:]
            for file in files {
                let report: VerificationReport
                do {
                    guard let data = FileManager.default.contents(atPath: file) else { throw VerifyError.unreadable(file) }
                    report = try ContentCredentials.verify(data, trustAnchorsPEM: anchors)
                } catch let error as VerifyError {
                    reportError(error); unreadable = true; continue
                } catch {
                    reportError(VerifyError.uncheckable(file, reason: "\(error)")); unreadable = true; continue
                }
                if report.verdict.severity > worst.severity { worst = report.verdict }
                if json { results[file] = report } else { printLine(VerifyPrinter.text(file: file, report: report)) }
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(results), as: UTF8.self))
            }
            if unreadable { throw ExitCode.failure }
            if worst != .trusted { throw ExitCode(worst.exitCode) }
        }
    }
}

/// Why `echt verify` could not check a file at all (exit code 1).
enum VerifyError: Error, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(String)
    /// The --trust file cannot be read.
    case unreadableTrust(String)
    /// The file was read but cannot hold credentials (e.g. not a JPEG or PNG).
    case uncheckable(String, reason: String)

    var description: String {
        switch self {
        case let .unreadable(path): "Cannot read \(path). Check the path and its permissions."
        case let .unreadableTrust(path): "Cannot read trust anchors from \(path): it holds no PEM certificate. Pass a PEM file of CA certificates, such as your studio root (studio-root.cert.pem)."
        case let .uncheckable(path, reason): "\(path): \(reason)"
        }
    }
}

extension Verdict {
    /// Severity for combining several files (higher is worse).
    var severity: Int { [Verdict.trusted, .untrusted, .absent, .invalid].firstIndex(of: self) ?? 0 }
}

/// Human-readable output of `echt verify`.
enum VerifyPrinter {
    static func text(file: String, report: VerificationReport) -> String {
        var lines = ["\(file): \(headline(report))"]
        if let problem = report.problem { lines.append("  problem: \(problem)") }
        if report.declaresGenerativeAI {
            lines.append("  AI-GENERATED: this file declares generative-AI content (\(report.aiDeclarations.map { $0.split(separator: "/").last.map(String.init) ?? $0 }.joined(separator: ", ")))")
        }
        for (index, manifest) in report.manifests.enumerated() {
            lines.append(index == 0 ? "  active manifest \(manifest.label)" : "  ingredient manifest \(manifest.label)")
            if let signer = manifest.signer { lines.append("    signer:    \(signer) (issued by \(manifest.issuer ?? "?"))") }
            if let time = manifest.claimedTime { lines.append("    time:      \(time) (claimed, not time-stamped)") }
            if let generator = manifest.claimGenerator { lines.append("    generator: \(generator)") }
            if let title = manifest.title { lines.append("    title:     \(title)") }
            for (key, value) in manifest.rights.sorted(by: { $0.key < $1.key }) { lines.append("    \(key): \(value)") }
            for action in manifest.actions {
                var text = "    action:    \(action.action)"
                if let d = action.description { text += " — \(d)" }
                if let s = action.digitalSourceType { text += " [\(s.split(separator: "/").last.map(String.init) ?? s)]" }
                lines.append(text)
            }
            for ingredient in manifest.ingredients {
                lines.append("    ingredient: \(ingredient.title ?? "(untitled)") (\(ingredient.relationship))"
                    + (ingredient.manifestLabel.map { " → manifest \($0)" } ?? ", no credentials"))
                let broken = ingredient.recordedFailures.filter { $0.code != "signingCredential.untrusted" }
                if !broken.isEmpty {
                    lines.append("    ! its credentials were already invalid when it was used: " + broken.map(\.description).joined(separator: "; "))
                }
            }
            for failure in manifest.failure {
                lines.append((failure.code == "signingCredential.untrusted" ? "    ! " : "    ✗ ") + failure.description)
            }
            if index == 0 {
                let passed = Set(manifest.success.map(\.code)).sorted()
                if !passed.isEmpty { lines.append("    ✓ \(passed.joined(separator: ", "))") }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func headline(_ report: VerificationReport) -> String {
        switch report.verdict {
        case .trusted: "valid, signer trusted"
        case .untrusted: "valid (intact and correctly signed), signer not on a trust list"
        case .invalid:
            "INVALID Content Credentials — " + (report.problem ?? report.blockingFailures.map(\.code).joined(separator: ", "))
        case .absent: "no Content Credentials"
        }
    }
}
