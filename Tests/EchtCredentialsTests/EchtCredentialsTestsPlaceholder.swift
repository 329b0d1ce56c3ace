import Testing
import EchtTestSupport

@Test func EchtCredentialsTestsRepositoryRootIsFound() {
    #expect(Fixtures.repositoryRoot.appendingPathComponent("Package.swift").path.hasSuffix("Package.swift"))
}
