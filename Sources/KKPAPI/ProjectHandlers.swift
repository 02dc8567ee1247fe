import KKPCore
import KKPStore
import MicroHTTP

/// The project endpoints: `listProjects` and `getProject`.
enum ProjectHandlers {
    /// `listProjects`: every project, in fixture order.
    static let list: Handler = { context in
        .json(.array(context.store.directory.projects.map { .object($0.document) }))
    }

    /// `getProject`.
    static let get: Handler = { context in
        .json(.object(try ClusterHandlers.requireProject(context).document))
    }
}
