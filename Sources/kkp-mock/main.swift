// kkp-mock: reads flags, wires the store, the API and the server, starts, and waits for a signal. No logic here.
import KKPAPI
import KKPCore
import KKPStore
import MicroHTTP

#if canImport(Glibc)
    import Glibc
#endif

func printError(_ text: String) {
    let line = text + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}

// Block SIGINT and SIGTERM before any thread starts, so every thread inherits the mask and sigwait receives them.
var signals = sigset_t()
sigemptyset(&signals)
sigaddset(&signals, SIGINT)
sigaddset(&signals, SIGTERM)
pthread_sigmask(SIG_BLOCK, &signals, nil)
signal(SIGPIPE, SIG_IGN)

let options: CommandLineOptions
do {
    options = try CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    printError("kkp-mock: \(error.message)\n\n\(CommandLineOptions.usage)")
    exit(2)
}
if options.help {
    print(CommandLineOptions.usage)
    exit(0)
}

let store: SQLiteStore
do {
    let fixtures = options.fixtures
    store = try SQLiteStore(path: options.database, fixtures: { try FixtureLoader.load(directory: fixtures) })
} catch {
    printError("kkp-mock: cannot open the database \(options.database): \(error)")
    exit(1)
}

let swaggerUI: SwaggerUI
do {
    swaggerUI = try SwaggerUI.load(directory: options.swaggerUI ?? SwaggerUI.defaultDirectory)
} catch {
    if let directory = options.swaggerUI {
        printError("kkp-mock: cannot serve the Swagger UI from --swagger-ui \(directory): \(error)")
        exit(1)
    }
    swaggerUI = .unavailable(
        "The Swagger UI is not installed: \(error). Run scripts/setup.sh (it copies the files of the PyPI package "
            + "swagger-ui-bundle to \(SwaggerUI.defaultDirectory)), or start kkp-mock with --swagger-ui DIR."
    )
}

let api = APIConfiguration(
    noAuth: options.noAuth, strict: options.strict, maxBodySize: options.maxBodyBytes, swaggerUI: swaggerUI
)
let sandbox = Sandbox(configuration: options.sandboxConfiguration)
let responder = KKPResponder(
    store: store, configuration: api, clock: options.clock, ids: options.ids, sandbox: sandbox, log: { printError("kkp-mock: \($0)") }
)
var serverConfiguration = HTTPServerConfiguration()
serverConfiguration.host = options.host
serverConfiguration.port = options.port
serverConfiguration.maxBodySize = options.maxBodyBytes
let server = HTTPServer(configuration: serverConfiguration, responder: responder)
do {
    try server.start()
} catch {
    printError("kkp-mock: cannot listen: \(error)")
    exit(1)
}

let shownHost = options.host.contains(":") ? "[\(options.host)]" : options.host
print("kkp-mock listening on http://\(shownHost):\(server.port)")
fflush(nil)

var received: Int32 = 0
sigwait(&signals, &received)
server.stop()
exit(0)
