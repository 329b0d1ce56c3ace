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
        let anchors = try trust.map { try String(contentsOfFile: $0, encoding: .utf8) }
        var worst: Verdict = .trusted
        var results: [String: VerificationReport] = [:]
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let report = try ContentCredentials.verify(data, trustAnchorsPEM: anchors)
            if report.verdict.severity > worst.severity { worst = report.verdict }
            if json { results[file] = report } else { print(VerifyPrinter.text(file: file, report: report)) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        }
        if worst != .trusted { throw ExitCode(worst.exitCode) }
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
