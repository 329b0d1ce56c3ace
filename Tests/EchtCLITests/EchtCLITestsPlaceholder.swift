import Testing
import EchtTestSupport

@Test func EchtCLITestsRepositoryRootIsFound() {
    #expect(Fixtures.repositoryRoot.appendingPathComponent("Package.swift").path.hasSuffix("Package.swift"))
}
