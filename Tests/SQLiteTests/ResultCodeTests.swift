import SQLite
import Testing

@Suite struct ResultCodeTests {
    @Test func extendedCodesMapToTheirPrimaryCode() {
        #expect(ResultCode.constraintUnique.primary == .constraint)
        #expect(ResultCode.busySnapshot.primary == .busy)
        #expect(ResultCode.constraint.primary == .constraint)
        #expect(ResultCode.constraintUnique.isExtended)
        #expect(!ResultCode.constraint.isExtended)
    }

    @Test func aPrimaryPatternMatchesItsExtendedCodes() {
        func classify(_ code: ResultCode) -> String {
            switch code {
            case .constraintUnique: "unique"
            case .constraint: "constraint"
            case .busy: "busy"
            default: "other"
            }
        }
        #expect(classify(.constraintUnique) == "unique")
        #expect(classify(.constraintNotNull) == "constraint")
        #expect(classify(.busySnapshot) == "busy")
        #expect(classify(.cantOpen) == "other")
    }

    @Test func descriptionsUseSQLitesText() {
        #expect(ResultCode.busy.description == "database is locked (5)")
        #expect(ResultCode.constraintUnique.description == "constraint failed (2067)")
        let error = SQLiteError(code: .constraintUnique, message: "UNIQUE constraint failed: t.x", sql: "INSERT …")
        #expect(error.description == "SQLite error 2067: UNIQUE constraint failed: t.x in `INSERT …`")
    }

    @Test func valuesComeFromLiterals() {
        let values: [SQLiteValue] = [1, 2.5, "x", nil]
        #expect(values == [.integer(1), .real(2.5), .text("x"), .null])
        #expect(SQLiteValue(true) == .integer(1))
        #expect(SQLiteValue(nil as String?) == .null)
        #expect(SQLiteValue.text("a\u{0}b").description == #""a\0b""#)
        #expect(SQLiteValue.blob([0, 255]).description == "x'00ff'")
    }
}
