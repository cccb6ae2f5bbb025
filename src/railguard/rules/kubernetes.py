"""The kubernetes pack: kubectl and helm calls that delete workloads, data or whole namespaces.

Beside kubectl and helm: helmfile, Argo CD and Flux (deleting the objects that deployed an
application deletes what they deployed), kapp (an app is every resource it deployed), and the
local cluster tools kind, k3d and minikube, whose delete removes a whole cluster.

A call is read by meaning: global options anywhere (``-n``, ``--context``, ``--kubeconfig``),
resource types in every spelling (``ns``, ``namespaces``, ``namespace/x``, ``pvc``), dry runs
(``--dry-run``, ``--dry-run=client|server``; ``=none`` is not one, the last spelling wins). The
cluster is production when the ``--context`` / ``--kube-context`` (or the kubeconfig's current
context when none is given) names prod or production.
"""

from __future__ import annotations

import os

from railguard.model import Finding, Verdict
from railguard.rules.base import Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from railguard.model import Invocation
    from railguard.rules.base import Context

_DRY = ("Preview with `kubectl delete ... --dry-run=client -o yaml` (or `--dry-run=server`) and "
        "show the user what would go; let them run the delete.")

RULES = [
    Rule(
        "K8S001", "Kubernetes namespace deleted", Verdict.DENY,
        why="Deleting a namespace deletes everything in it: deployments, services, secrets, "
            "config maps and the persistent volume claims whose volumes hold the data (with the "
            "usual Delete reclaim policy the disks go too).",
        instead=_DRY,
        bad=["kubectl delete namespace staging", "kubectl delete ns prod",
             "kubectl --context dev delete namespaces/team-a", "oc delete project demo",
             "sudo kubectl delete ns payments --wait=false"],
        good=["kubectl get ns", "kubectl create namespace feature-x",
              "kubectl delete ns staging --dry-run=client -o yaml",
              "kubectl describe namespace staging"],
    ),
    Rule(
        "K8S002", "Kubernetes objects deleted in bulk", Verdict.DENY,
        why="`--all`, `-A` / `--all-namespaces` or a label selector on a delete removes every "
            "matching object at once (`kubectl delete namespace -n X --all` deletes every "
            "namespace of the cluster); `apply --prune` deletes whatever the manifests no "
            "longer list.",
        instead="List what matches first (`kubectl get TYPE -l SELECTOR -A`), then " + _DRY[0].lower()
                + _DRY[1:],
        bad=["kubectl delete pods --all", "kubectl delete deployments -A -l app=legacy",
             "kubectl delete all --all -n staging",
             "kubectl delete svc -l tier=backend", "kubectl apply -f k8s/ --prune -l app=web"],
        good=["kubectl get pods --all-namespaces", "kubectl get deploy -l app=legacy -A",
              "kubectl delete pods --all --dry-run=server"],
    ),
    Rule(
        "K8S003", "Kubernetes objects deleted from manifests", Verdict.DENY,
        why="`kubectl delete -f FILE|DIR|-` / `-k DIR` deletes every object the manifests "
            "describe: often the whole application with its namespace, secrets and volume "
            "claims. `argocd app delete` does the same to everything the application deployed "
            "(cascade is its default), `flux delete kustomization` to everything the "
            "Kustomization applied (when it prunes, as it usually does), and `kapp delete -a "
            "APP` to every resource of the app.",
        instead=_DRY + " For Argo CD, `argocd app delete APP --cascade=false` keeps the "
                       "resources; for Flux, `flux suspend kustomization NAME` stops it "
                       "without deleting anything; for kapp, `kapp delete -a APP --diff-run` "
                       "lists what would go.",
        bad=["kubectl delete -f k8s/", "kubectl delete -f deploy.yaml",
             "kubectl delete -k overlays/prod", "kustomize build . | kubectl delete -f -",
             "argocd app delete prod --cascade", "argocd app delete web -y",
             "flux delete kustomization apps --silent", "flux delete ks infra -n flux-system",
             "kapp delete -a web -y"],
        good=["kubectl apply -f k8s/ --dry-run=client", "kubectl diff -f k8s/",
              "kubectl delete -f k8s/ --dry-run=client -o yaml", "kubectl kustomize overlays/prod",
              "argocd app get prod", "argocd app sync web", "argocd app list",
              "flux get kustomizations", "flux suspend kustomization apps",
              "flux reconcile ks apps --with-source", "kapp inspect -a web",
              "kapp delete -a web --diff-run", "kapp list"],
    ),
    Rule(
        "K8S004", "Kubernetes volume, claim or resource definition deleted", Verdict.DENY,
        why="A PersistentVolumeClaim or PersistentVolume holds the data (with the Delete reclaim "
            "policy the disk is destroyed with it); deleting a CustomResourceDefinition deletes "
            "every custom resource of that kind in the cluster; a VolumeSnapshot is a backup. "
            "`flux uninstall` deletes Flux's resource definitions, and with them every "
            "Kustomization, HelmRelease and source object of the cluster.",
        instead="Check the reclaim policy (`kubectl get pv`), snapshot the volume, and let the "
                "user delete it.",
        bad=["kubectl delete pvc data-postgres-0", "kubectl delete pv pvc-1234",
             "kubectl delete crd certificates.cert-manager.io",
             "kubectl -n db delete persistentvolumeclaim/data-0",
             "kubectl delete volumesnapshot nightly", "flux uninstall --silent"],
        good=["kubectl get pvc -A", "kubectl describe pv pvc-1234", "kubectl get crd",
              "flux uninstall --dry-run", "flux check"],
    ),
    Rule(
        "K8S005", "Kubernetes delete on a production cluster", Verdict.DENY,
        why="The context (or the namespace) names production: a deleted object takes live traffic down "
            "until someone recreates it, and its data may go with it.",
        instead="Do not delete on production. " + _DRY,
        bad=["kubectl --context prod delete deployment web",
             "kubectl delete deploy api --context=production-eu",
             "kubectl --context prod-us delete pod web-abc",
             "kubectl -n production delete configmap app"],
        good=["kubectl --context prod get pods", "kubectl --context prod logs deploy/web",
              "kubectl --context prod delete deployment web --dry-run=client"],
    ),
    Rule(
        "K8S006", "Kubernetes object deleted", Verdict.ASK,
        why="The delete removes a single object. A pod is recreated by its controller, but a "
            "deployment, service, secret or config map stays gone until someone applies it "
            "again, and what depends on it breaks. Deleting a Flux source, alert or image "
            "policy (`flux delete source git NAME`) leaves what was deployed in place, but "
            "nothing reconciles it any more.",
        instead=_DRY,
        bad=["kubectl delete pod web-7d9c-abcde", "kubectl delete deployment web",
             "kubectl -n app delete svc api", "kubectl delete secret tls-cert",
             "kubectl delete pod stuck --force --grace-period=0",
             "flux delete source git podinfo --silent"],
        good=["kubectl get pods", "kubectl describe pod web-7d9c-abcde",
              "kubectl logs web-7d9c-abcde", "kubectl delete pod web --dry-run=client",
              "kubectl rollout status deploy/web", "kubectl top pods"],
    ),
    Rule(
        "K8S007", "Change applied to a Kubernetes cluster", Verdict.ASK,
        why="`kubectl apply` / `replace` / `patch`, `kubectl drain`, `helm upgrade` / "
            "`install` / `rollback` and `kapp deploy` change what runs in the cluster "
            "(`replace --force` deletes and recreates; `drain` evicts every pod of a node; "
            "`kapp deploy` also deletes the app's resources the new configuration no longer "
            "lists); nobody has reviewed the change.",
        instead="Show the change first (`kubectl diff -f FILE`, `kubectl apply --dry-run=server "
                "-f FILE`, `helm diff upgrade` or `helm template`) and let the user apply it.",
        bad=["kubectl apply -f deploy.yaml", "kubectl -n app apply -k overlays/dev",
             "kubectl replace --force -f pod.yaml", "kubectl patch deploy web -p '{}'",
             "kubectl drain node-1 --ignore-daemonsets", "helm upgrade --install web ./chart",
             "helm rollback web 3", "helm install redis bitnami/redis", "helmfile apply",
             "kapp deploy -a web -f config/ -y"],
        good=["kubectl diff -f deploy.yaml", "kubectl apply -f deploy.yaml --dry-run=server",
              "helm template web ./chart", "helm list -A", "helm status web",
              "helm upgrade web ./chart --dry-run", "helm lint ./chart", "helm repo update",
              "kubectl get deploy web -o yaml", "kubectl explain deployment.spec",
              "kapp deploy -a web -f config/ --diff-run"],
    ),
    Rule(
        "K8S008", "Change on a production cluster", Verdict.ASK,
        why="The context names a production cluster; scaling to zero, restarting a rollout, "
            "cordoning or editing objects there affects live traffic.",
        instead="Show the user the change (`kubectl diff`, `--dry-run=server`) and let them run "
                "it on production.",
        bad=["kubectl --context prod scale deploy web --replicas=0",
             "kubectl --context production rollout restart deploy/web",
             "kubectl --context prod cordon node-1",
             "kubectl --context prod set image deploy/web web=app:2"],
        good=["kubectl scale deploy web --replicas=0", "kubectl rollout restart deploy/web",
              "kubectl --context prod rollout status deploy/web",
              "kubectl --context prod scale deploy web --replicas=3 --dry-run=server"],
    ),
    Rule(
        "K8S009", "Helm release uninstalled", Verdict.DENY,
        why="`helm uninstall` (`delete`, `del`, `un`) deletes every resource of the release; "
            "volume claims defined in the chart go with it, and their data with them. Deleting "
            "a Flux HelmRelease (`flux delete helmrelease NAME`) has Flux uninstall the "
            "release the same way.",
        instead="Run `helm uninstall RELEASE --dry-run` (or `helm get manifest RELEASE`) and "
                "show the user what would be deleted; let them uninstall.",
        bad=["helm uninstall web", "helm delete web --purge",
             "helm --kube-context prod uninstall api -n app", "helm un redis --keep-history",
             "helmfile -e prod destroy", "flux delete helmrelease redis -s"],
        good=["helm list", "helm get manifest web", "helm uninstall web --dry-run",
              "helm history web", "helm show values bitnami/redis", "helmfile diff",
              "helmfile template", "flux get helmreleases -A",
              "flux suspend helmrelease redis"],
    ),
    Rule(
        "K8S010", "Local Kubernetes cluster deleted", Verdict.ASK,
        why="`kind delete cluster`, `k3d cluster delete` and `minikube delete` remove a whole "
            "local cluster: its nodes' containers or virtual machine, every workload, the data "
            "of its volumes and the images loaded into it (`--all` every such cluster; "
            "`minikube delete --purge` also its settings and cache). It is usually a "
            "throw-away cluster, but it may hold state someone still needs.",
        instead="Say which cluster you want to delete and why, and let the user run it; to "
                "free resources keep the cluster and stop it (`minikube stop`, `k3d cluster "
                "stop NAME`).",
        bad=["kind delete cluster", "kind delete cluster --name dev",
             "kind delete clusters --all", "k3d cluster delete dev", "k3d cluster rm --all",
             "minikube delete", "minikube delete --all --purge", "minikube -p dev delete"],
        good=["kind create cluster", "kind get clusters", "k3d cluster list",
              "k3d cluster stop dev", "minikube stop", "minikube status",
              "kind delete cluster --help"],
    ),
]

PROGRAMS = frozenset({"kubectl", "oc", "helm", "kubecolor", "helmfile", "argocd", "flux",
                      "kapp", "kind", "k3d", "minikube"})

_KUBECTL_VALUED = frozenset(
    """--context --kubeconfig -n --namespace --cluster --user -s --server --token --as
    --as-group --as-uid --request-timeout -v --v --cache-dir --certificate-authority
    --client-key --client-certificate --tls-server-name --profile --profile-output
    --log-flush-frequency --password --username -f --filename -k --kustomize -l --selector
    --field-selector -o --output --grace-period --cascade --timeout --raw -c --container
    --replicas --current-replicas --resource-version -p --patch --type --patch-file
    --field-manager --subresource --template --selector-file --chunk-size
    --sort-by --prune-allowlist --prune-whitelist --for --since --tail""".split()
)
_HELM_VALUED = frozenset(
    """--kube-context --kubeconfig -n --namespace --burst-limit --qps --registry-config
    --repository-cache --repository-config --kube-apiserver --kube-as-user --kube-as-group
    --kube-ca-file --kube-tls-server-name --kube-token -f --values --set --set-string
    --set-file --set-json --version --timeout -o --output --description --post-renderer
    --repo --username --password --ca-file --cert-file --key-file --history-max
    --cascade""".split()
)

_KINDS = {
    "ns": "namespace", "namespace": "namespace", "namespaces": "namespace",
    "project": "namespace", "projects": "namespace",
    "pvc": "pvc", "persistentvolumeclaim": "pvc", "persistentvolumeclaims": "pvc",
    "pv": "pv", "persistentvolume": "pv", "persistentvolumes": "pv",
    "crd": "crd", "crds": "crd", "customresourcedefinition": "crd",
    "customresourcedefinitions": "crd",
    "volumesnapshot": "volumesnapshot", "volumesnapshots": "volumesnapshot",
    "vs": "volumesnapshot",
    "po": "pod", "pod": "pod", "pods": "pod",
}


class KubeCall:
    __slots__ = ("dry", "flags", "positionals", "values", "verb")

    def __init__(self, verb: str, positionals: list[str], flags: set[str],
                 values: dict[str, list[str]], dry: bool) -> None:
        self.verb = verb
        self.positionals = positionals
        self.flags = flags
        self.values = values
        self.dry = dry

    def value(self, *names: str) -> str | None:
        for n in names:
            vals = self.values.get(n)
            if vals:
                return vals[-1]
        return None

    def has(self, *names: str) -> bool:
        return any(n in self.flags or n in self.values for n in names)


def _parse(inv: Invocation, valued: frozenset[str]) -> KubeCall:
    words = [w.text for w in inv.args]
    flags: set[str] = set()
    values: dict[str, list[str]] = {}
    pos: list[str] = []
    dry = False
    i = 0
    while i < len(words):
        t = words[i]
        i += 1
        if t == "--":
            pos.extend(words[i:])
            break
        if t.startswith("--dry-run"):
            _, eq, val = t.partition("=")
            dry = (not eq) or val.lower() in ("client", "server", "true", "unchanged")
            continue
        if t.startswith("-") and len(t) > 1:
            name, eq, val = t.partition("=")
            if not eq and not name.startswith("--") and len(name) > 2 and name[:2] in valued:
                # -nprod, -f- : short option glued to its value
                name, val, eq = name[:2], name[2:], "="
            if eq:
                values.setdefault(name, []).append(val)
            elif name in valued and i < len(words):
                values.setdefault(name, []).append(words[i])
                i += 1
            else:
                flags.add(name)
            continue
        pos.append(t)
    verb = pos[0] if pos else ""
    return KubeCall(verb, pos[1:], flags, values, dry)


def _current_context(inv: Invocation, ctx: Context) -> str | None:
    """The kubeconfig's ``current-context`` (first file of KUBECONFIG, else ~/.kube/config)."""
    if inv.remote:
        return None
    env = inv.env.get("KUBECONFIG") or os.environ.get("KUBECONFIG") or ""
    path = env.split(os.pathsep)[0] if env else os.path.join(ctx.home, ".kube", "config")
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh):
                if line.startswith("current-context:"):
                    value = line.split(":", 1)[1].strip().strip("'\"")
                    return value or None
                if n > 5000:
                    break
    except OSError:
        return None
    return None


def _is_prod(name: str | None) -> bool:
    """Does a context or cluster name say production (``prod``, ``prod-eu``, ``gke_x_production``)?

    Only whole parts count: ``nonprod``, ``preprod`` and ``product-demo`` are not production.
    """
    if not name:
        return False
    parts = "".join(c if c.isalnum() else " " for c in name.lower()).split()
    return any(p.rstrip("0123456789") in ("prod", "production", "prd") for p in parts)


def _kind(word: str) -> str:
    base = word.split("/", 1)[0].lower()
    base = base.split(".", 1)[0] if base not in _KINDS else base
    return _KINDS.get(base, base)


def _context_name(call: KubeCall, inv: Invocation, ctx: Context, option: str) -> str | None:
    return call.value(option) or _current_context(inv, ctx)


def _kubectl(inv: Invocation, ctx: Context) -> list[Finding]:
    call = _parse(inv, _KUBECTL_VALUED)
    if call.has("--help", "-h") or call.dry:
        return []
    tool = inv.name or "kubectl"
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    context = _context_name(call, inv, ctx, "--context")
    ns = call.value("-n", "--namespace")
    prod = _is_prod(context) or _is_prod(call.value("--cluster")) or _is_prod(ns)
    on = f" on context {context}" if context and (call.value("--context") or
                                                  _is_prod(context)) else ""
    in_ns = f" in namespace {ns}" if ns else ""
    verb = call.verb
    if verb == "delete":
        return _delete(call, tool, via, on, in_ns, prod)
    shown = f"{tool} {verb}"
    if verb == "apply" and call.has("--prune"):
        return [Finding("K8S002", f"`{shown} --prune`{via}{on} would delete every object "
                        "the manifests no longer list")]
    if verb in ("apply", "replace", "patch", "drain"):
        what = {"drain": "evict every pod from " + (call.positionals[0] if call.positionals
                                                     else "the node"),
                "replace": "replace objects" + (" (deleting and recreating them: --force)"
                                                if call.has("--force") else "")}.get(
            verb, "change live objects")
        rid = "K8S007"
        return [Finding(rid, f"`{shown}`{via}{on}{in_ns} would {what}")]
    if prod:
        if verb == "scale":
            replicas = call.value("--replicas")
            what = "scale to zero" if replicas == "0" else f"scale to {replicas}"
            return [Finding("K8S008", f"`{shown}`{via}{on} would {what} "
                            f"{' '.join(call.positionals[:2])}")]
        if verb == "rollout" and call.positionals[:1] in (["restart"], ["undo"], ["pause"]):
            return [Finding("K8S008", f"`{shown} {call.positionals[0]}`{via}{on} would restart "
                            "the pods of a live workload")]
        if verb in ("cordon", "uncordon", "taint", "set", "edit", "label", "annotate",
                    "create", "expose", "autoscale", "run", "cp", "certificate"):
            return [Finding("K8S008", f"`{shown}`{via}{on} would change a production cluster")]
    return []


def _delete(call: KubeCall, tool: str, via: str, on: str, in_ns: str,
            prod: bool) -> list[Finding]:
    shown = f"{tool} delete"
    files = call.values.get("-f", []) + call.values.get("--filename", [])
    kust = call.value("-k", "--kustomize")
    pos = call.positionals
    kinds: list[str] = []
    names: list[str] = []
    if pos:
        if "/" in pos[0]:
            kinds = [_kind(p) for p in pos]
            names = [p.split("/", 1)[1] for p in pos if "/" in p]
        else:
            kinds = [_kind(k) for k in pos[0].split(",")]
            names = pos[1:]
    what = " ".join(pos[:5])
    out: list[Finding] = []
    if "namespace" in kinds:
        if call.has("--all") or (not names and kinds[0] == "namespace" and len(kinds) == 1 \
                and (call.has("-l", "--selector"))):
            target = "every namespace of the cluster"
        else:
            target = "namespace " + (", ".join(names) or what)
        out.append(Finding("K8S001", f"`{shown} {what}`{via}{on} would delete {target} and "
                           "everything in it: workloads, secrets, volume claims"))
    bulk = call.has("--all", "-A", "--all-namespaces")
    selector = call.value("-l", "--selector") or call.value("--field-selector")
    if "namespace" not in kinds and (bulk or (selector and kinds and
                                          not set(kinds) <= {"pod"})):
        how = ("in every namespace" if call.has("-A", "--all-namespaces") else
               f"matching {selector}" if selector and not call.has("--all") else "all of them")
        out.append(Finding("K8S002", f"`{shown} {what}`{via}{on}{in_ns} would delete every "
                           f"{', '.join(kinds) or 'object'} {how}"))
    if files or kust:
        src = kust or ", ".join("standard input" if f == "-" else f for f in files)
        out.append(Finding("K8S003", f"`{shown}`{via}{on}{in_ns} would delete every object "
                           f"described in {src}"))
    data = [k for k in kinds if k in ("pvc", "pv", "crd", "volumesnapshot")]
    if data:
        label = {"pvc": "volume claim", "pv": "persistent volume", "crd": "resource "
                 "definition (and every custom resource of its kind)",
                 "volumesnapshot": "volume snapshot"}
        out.append(Finding("K8S004", f"`{shown} {what}`{via}{on}{in_ns} would delete "
                           f"{', '.join(label[k] for k in data)} {', '.join(names)}".rstrip()))
    if prod and not out:
        out.append(Finding("K8S005", f"`{shown} {what}`{via}{on}{in_ns} would delete live "
                           "objects on a production cluster"))
    elif prod:
        out.append(Finding("K8S005", f"the delete runs{on}, a production cluster"))
    if not out:
        if selector:
            target = f"every {', '.join(kinds) or 'object'} matching {selector}"
            tail = " (their controllers recreate them)" if kinds == ["pod"] else ""
        else:
            target = what or "objects"
            tail = " (its controller recreates it)" if kinds == ["pod"] else ""
        out.append(Finding("K8S006", f"`{shown} {what}`{via}{on}{in_ns} would delete "
                           f"{target}{tail}"))
    return out


def _helm(inv: Invocation, ctx: Context) -> list[Finding]:
    call = _parse(inv, _HELM_VALUED)
    if call.has("--help", "-h") or call.dry:
        return []
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    context = _context_name(call, inv, ctx, "--kube-context")
    prod = _is_prod(context)
    on = f" on context {context}" if call.value("--kube-context") or prod else ""
    verb = call.verb
    release = call.positionals[0] if call.positionals else "a release"
    if verb in ("uninstall", "delete", "del", "un"):
        releases = ", ".join(call.positionals[:4]) or release
        return [Finding("K8S009", f"`helm {verb}`{via}{on} would delete every resource of "
                        f"release {releases}")]
    if verb in ("upgrade", "install", "rollback"):
        extra = " (--force: objects are deleted and recreated)" if call.has("--force") else ""
        return [Finding("K8S007", f"`helm {verb}`{via}{on} would change release {release}"
                        f"{extra}")]
    return []


def on_invocation(inv: Invocation, ctx: Context) -> Iterable[Finding]:
    name = inv.name
    if name in ("kubectl", "oc", "kubecolor"):
        return _kubectl(inv, ctx)
    if name == "helm":
        return _helm(inv, ctx)
    if name == "helmfile":
        return _helmfile(inv)
    if name == "argocd":
        return _argocd(inv)
    if name == "flux":
        return _flux(inv)
    if name == "kapp":
        return _kapp(inv)
    if name in ("kind", "k3d", "minikube"):
        return _local_cluster(inv, name)
    return ()


_ARGOCD_VALUED = frozenset(
    """--server --auth-token --config --kube-context --port-forward-namespace --header -H
    --client-crt --client-crt-key --server-crt --server-name --redis-name --repo-server-name
    --loglevel --logformat --http-retry-max -p --propagation-policy -l --selector -N
    --app-namespace --grpc-web-root-path""".split()
)


def _argocd(inv: Invocation) -> list[Finding]:
    """``argocd app delete``: with cascade (the default) every resource of the application."""
    words = [w.text for w in inv.args]
    pos: list[str] = []
    flags: dict[str, str] = {}
    i = 0
    while i < len(words):
        t = words[i]
        i += 1
        if t.startswith("-") and len(t) > 1:
            name, eq, val = t.partition("=")
            flags[name] = val.lower() if eq else ""
            if not eq and name in _ARGOCD_VALUED and i < len(words):
                flags[name] = words[i]
                i += 1
            continue
        pos.append(t)
    if "--help" in flags or "-h" in flags:
        return []
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    if pos[:2] not in (["app", "delete"], ["appset", "delete"], ["apps", "delete"],
                       ["applicationset", "delete"]):
        return []
    names = " ".join(pos[2:5])
    kind = "application set" if pos[0] in ("appset", "applicationset") else "application"
    selector = flags.get("-l") or flags.get("--selector")
    what = f"every {kind} matching {selector}" if selector else f"{kind} {names}".strip()
    if flags.get("--cascade") in ("false", "0", "f") and kind == "application":
        return [Finding("K8S006", f"`argocd {pos[0]} delete --cascade=false`{via} would delete "
                        f"{what} (its resources stay in the cluster)", subject=names)]
    return [Finding("K8S003", f"`argocd {pos[0]} delete`{via} would delete {what} and, with "
                    "cascade (the default), every resource it deployed: workloads, secrets, "
                    "volume claims", subject=names)]


_HELMFILE_VALUED = frozenset({"-f", "--file", "-e", "--environment", "-l", "--selector",
                              "--kube-context", "-n", "--namespace", "--state-values-file",
                              "--state-values-set", "--helm-binary", "-b"})


def _helmfile(inv: Invocation) -> list[Finding]:
    call = _parse(inv, _HELMFILE_VALUED)
    if call.has("--help", "-h"):
        return []
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    env = call.value("-e", "--environment")
    where = f" (environment {env})" if env else ""
    if call.verb in ("destroy", "delete"):
        return [Finding("K8S009", f"`helmfile {call.verb}`{where}{via} would uninstall every "
                        "release of the helmfile")]
    if call.verb in ("apply", "sync", "deps-apply"):
        return [Finding("K8S007", f"`helmfile {call.verb}`{where}{via} would change every "
                        "release of the helmfile")]
    return []


_FLUX_VALUED = frozenset(
    """--as --as-group --as-uid --cache-dir --certificate-authority --client-certificate
    --client-key --cluster --context --kube-api-burst --kube-api-qps --kubeconfig -n --namespace
    --server --timeout --tls-server-name --token --user""".split()
)
#: flux delete KIND -> (rule, what else goes with the object)
_FLUX_CASCADE = {
    "kustomization": ("K8S003", "and, when it prunes (as it usually does), every resource it "
                                "applied: workloads, secrets, volume claims"),
    "helmrelease": ("K8S009", "and Flux uninstalls the release: every resource of it, volume "
                              "claims and their data included"),
}
_FLUX_ALIASES = {"ks": "kustomization", "hr": "helmrelease"}


def _flux(inv: Invocation) -> list[Finding]:
    """``flux delete KIND NAME`` and ``flux uninstall``."""
    call = _parse(inv, _FLUX_VALUED)
    if call.has("--help", "-h"):
        return []
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    ns = call.value("-n", "--namespace")
    in_ns = f" in namespace {ns}" if ns else ""
    if call.verb == "uninstall":
        if call.dry:
            return []
        where = "" if call.has("--keep-namespace") else f" and the namespace {ns or 'flux-system'}"
        return [Finding("K8S004", f"`flux uninstall`{via} would delete Flux's resource "
                        "definitions, with every Kustomization, HelmRelease and source object "
                        f"of the cluster{where}")]
    if call.verb != "delete" or not call.positionals:
        return []
    kind = _FLUX_ALIASES.get(call.positionals[0].lower(), call.positionals[0].lower())
    if kind in ("source", "image"):
        # flux delete source git NAME / flux delete image policy NAME
        kind = " ".join(call.positionals[:2])
        names = ", ".join(call.positionals[2:5])
    else:
        names = ", ".join(call.positionals[1:4])
    shown = f"`flux delete {kind}`{via}{in_ns}"
    if kind in _FLUX_CASCADE:
        rid, what = _FLUX_CASCADE[kind]
        return [Finding(rid, f"{shown} would delete {kind} {names or '(unnamed)'} {what}",
                        subject=names)]
    return [Finding("K8S006", f"{shown} would delete {kind} {names or '(unnamed)'}: what it "
                    "fed stays deployed, but nothing reconciles it any more", subject=names)]


_KAPP_VALUED = frozenset(
    """-a --app -n --namespace --kubeconfig --kubeconfig-context --kubeconfig-yaml -f --file
    --column --filter --filter-kind --filter-name --filter-ns --filter-labels --filter-age
    --filter-kind-name --diff-context --diff-filter --wait-timeout --wait-check-interval
    --wait-concurrency --apply-timeout --apply-concurrency --apply-check-interval --into-ns
    --map-ns -p --patch -g --group --directory --prev-app --app-changes-max-to-keep
    --existing-non-labeled-resources-check-concurrency --logs-all-since""".split()
)


def _kapp(inv: Invocation) -> list[Finding]:
    """``kapp delete -a APP``: every resource of the app; ``kapp deploy``: applies and prunes."""
    call = _parse(inv, _KAPP_VALUED)
    if call.has("--help", "-h"):
        return []
    diff_run = "--diff-run" in call.flags or (call.value("--diff-run") or "").lower() in (
        "true", "1", "t")
    if diff_run:
        return []  # shows the changes and exits
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    app = call.value("-a", "--app") or "(unnamed)"
    verb, pos = call.verb, call.positionals
    if verb == "app-group" and pos[:1] in (["delete"], ["deploy"]):
        group = call.value("-g", "--group") or "(unnamed)"
        if pos[0] == "delete":
            return [Finding("K8S003", f"`kapp app-group delete`{via} would delete every app of "
                            f"group {group}, with every resource each deployed")]
        return [Finding("K8S007", f"`kapp app-group deploy`{via} would change every app of "
                        f"group {group}")]
    if verb in ("delete", "del"):
        return [Finding("K8S003", f"`kapp delete -a {app}`{via} would delete every resource "
                        "of the app: workloads, secrets, volume claims", subject=app)]
    if verb in ("deploy", "dep", "d"):
        return [Finding("K8S007", f"`kapp deploy -a {app}`{via} would apply the configuration "
                        "and delete the app's resources it no longer lists", subject=app)]
    return []


_LOCAL_VALUED = {
    "kind": frozenset("--name -n --kubeconfig -v --verbosity --loglevel".split()),
    "k3d": frozenset("-c --config".split()),
    "minikube": frozenset(
        """-p --profile -b --bootstrapper --log_dir --log_file --user -v --v --vmodule
        --stderrthreshold -o --output --log_backtrace_at""".split()),
}


def _local_cluster(inv: Invocation, name: str) -> list[Finding]:
    """``kind delete cluster(s)``, ``k3d cluster delete``, ``minikube delete``."""
    call = _parse(inv, _LOCAL_VALUED[name])
    if call.has("--help", "-h"):
        return []
    words = [call.verb, *call.positionals]
    every = call.has("--all")
    which = ""
    if name == "kind" and words[:2] in (["delete", "cluster"], ["delete", "clusters"]):
        if words[1] == "clusters":
            which = "every kind cluster" if every else "kind clusters " + (
                ", ".join(words[2:]) or "(none named)")
        else:
            which = f"kind cluster {call.value('--name', '-n') or 'kind'}"
    elif name == "k3d" and words[:1] in (["cluster"], ["clusters"]) and \
            words[1:2] in (["delete"], ["del"], ["rm"]):
        every = every or call.has("-a")
        which = "every k3d cluster" if every else "k3d cluster " + (
            ", ".join(words[2:]) or "k3s-default")
    elif name == "minikube" and words[:1] == ["delete"]:
        profile = call.value("-p", "--profile") or "minikube"
        which = "every minikube cluster" if every else f"minikube cluster {profile}"
        if call.has("--purge"):
            which += " and the ~/.minikube folder"
    if not which:
        return []
    via = f" (via {', '.join(inv.via)})" if inv.via else ""
    return [Finding("K8S010", f"`{name} {' '.join(words[:2])}`{via} would delete {which}: "
                    "its workloads, the data of its volumes and the images loaded into it")]


__all__ = ["RULES", "on_invocation"]
