// The --help text. Keys are listed by `rollwatch --help` from the keymap in the README, not here.
export const HELP = `
  Watch Kubernetes rollouts live, and act on them with one key.

  Usage
    $ rollwatch [TARGET...] [flags]          monitor Deployments (no target: pick from a list)
    $ rollwatch status TARGET [--timeout 5m] [-o json]
                                             wait for a rollout, as kubectl rollout status (for CI)
    $ rollwatch demo [flags]                 the embedded demo cluster and the monitor, in one process
    $ rollwatch demo --serve [flags]         only the demo cluster, for kubectl or another rollwatch

  Targets
    deploy/NAME, deployment/NAME, deployments.apps/NAME or NAME; several at once (a canary is two)

  Flags
    -n, --namespace NS        namespace (default: the context's, then "default")
        --context CTX         kubeconfig context to use
        --kubeconfig PATH     kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
    -l, --selector SELECTOR   watch the Deployments matching a label selector
        --read-only           no pause/resume/scale/undo/restart, in the UI and in the action layer
        --no-color            glyphs only (also NO_COLOR=1 or TERM=dumb)
        --probe TARGET        send steady requests to svc/NAME[:PORT][/PATH] (through the API server's
                              service proxy) or to http(s)://URL, and show which version answered
        --probe-rate N        requests per second (default 10)
        --probe-timeout MS    per-request timeout (default 1000)
        --probe-version-regex RE      how to read the version from the response body
        --probe-version-header NAME   or from a response header

  Demo flags
        --scenario NAME       rolling | recreate | canary | zero-downtime | broken | history (default: a picker)
        --speed X             simulated time factor (default 1)
        --kubeconfig-out PATH write the demo cluster's kubeconfig here (run kubectl against the demo)
        --serve               run the demo cluster headless until Ctrl-C (with --port N, 0 = any)

  Examples
    $ rollwatch deploy/web -n shop
    $ rollwatch app-v1 app-v2 --probe svc/app-service
    $ rollwatch demo --scenario rolling
`;
