"""The kubernetes pack, through the real engine, in a real git project.

kubectl and helm are never run: the calls are judged only. A kubeconfig written into the temp
HOME stands for the user's current context, to show that a production context is recognised
even when no ``--context`` is given.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import decide, rule_ids  # type: ignore[import-not-found]

from railguard.model import Verdict
from railguard.rules import ALL_RULES, kubernetes


def ids(command: str, cwd: Path) -> list[str]:
    return rule_ids(command, cwd, "K8S")


FLAGGED = [
    ("kubectl delete namespace staging", "K8S001"),
    ("kubectl delete ns staging", "K8S001"),
    ("kubectl delete namespaces a b", "K8S001"),
    ("kubectl delete namespace/staging", "K8S001"),
    ("kubectl delete namespace -n X --all", "K8S001"),
    ("kubectl --kubeconfig /tmp/k delete ns x", "K8S001"),
    ("oc delete project demo", "K8S001"),
    ("sudo kubectl delete ns payments", "K8S001"),
    ("bash -c 'kubectl delete ns payments'", "K8S001"),
    ("kubectl delete pods --all", "K8S002"),
    ("kubectl delete pods -A", "K8S002"),
    ("kubectl delete pods --all-namespaces", "K8S002"),
    ("kubectl delete all --all", "K8S002"),
    ("kubectl -n app delete deploy,svc --all", "K8S002"),
    ("kubectl delete deployments -l app=legacy", "K8S002"),
    ("kubectl delete svc --selector=tier=backend", "K8S002"),
    ("kubectl apply -f k8s/ --prune -l app=web", "K8S002"),
    ("kubectl delete -f deploy.yaml", "K8S003"),
    ("kubectl delete -f k8s/", "K8S003"),
    ("kubectl delete --filename=k8s/", "K8S003"),
    ("kubectl delete -f -", "K8S003"),
    ("kubectl delete -f-", "K8S003"),
    ("kubectl delete -f=-", "K8S003"),
    ("kubectl delete -k overlays/prod", "K8S003"),
    ("kubectl delete -f - --dry-run=none", "K8S003"),
    ("kubectl delete -f - --dry-run=client --dry-run=none", "K8S003"),
    ("kustomize build overlays/dev | kubectl delete -f -", "K8S003"),
    ("kubectl kustomize ./overlays/prod | kubectl delete -f -", "K8S003"),
    ("kubectl delete pvc data-0", "K8S004"),
    ("kubectl delete persistentvolumeclaims data-0 data-1", "K8S004"),
    ("kubectl delete pv pvc-123", "K8S004"),
    ("kubectl delete crd widgets.example.com", "K8S004"),
    ("kubectl delete customresourcedefinition widgets.example.com", "K8S004"),
    ("kubectl delete pvc/data-0", "K8S004"),
    ("kubectl delete volumesnapshot nightly", "K8S004"),
    ("kubectl --context prod delete deployment web", "K8S005"),
    ("kubectl --context=production delete svc api", "K8S005"),
    ("kubectl delete deploy web --context gke_acme_us_prod", "K8S005"),
    ("kubectl --cluster prod-eu delete cm app", "K8S005"),
    ("kubectl -n production delete pod web-1", "K8S005"),
    ("kubectl --context prod delete pvc data", "K8S005"),
    ("kubectl delete pod web-1", "K8S006"),
    ("kubectl delete po web-1 --force --grace-period=0", "K8S006"),
    ("kubectl delete pods -l app=web", "K8S006"),
    ("kubectl delete deployment web", "K8S006"),
    ("kubectl delete deployment.apps/web", "K8S006"),
    ("kubectl -n app delete secret tls", "K8S006"),
    ("kubectl delete configmap app --context dev", "K8S006"),
    ("kubectl delete deployment web --dry-run=false", "K8S006"),
    ("oc delete pod x", "K8S006"),
    ("kubectl apply -f deploy.yaml", "K8S007"),
    ("kubectl apply -k overlays/dev", "K8S007"),
    ("kubectl -n app apply -f -", "K8S007"),
    ("kubectl replace --force -f pod.yaml", "K8S007"),
    ("kubectl patch deploy web -p '{\"spec\":{}}'", "K8S007"),
    ("kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data", "K8S007"),
    ("helm upgrade web ./chart", "K8S007"),
    ("helm upgrade --install web ./chart -f values.yaml", "K8S007"),
    ("helm install redis bitnami/redis", "K8S007"),
    ("helm rollback web 3", "K8S007"),
    ("helm --kube-context prod upgrade web ./chart --force", "K8S007"),
    ("helmfile apply", "K8S007"),
    ("helmfile -e prod sync", "K8S007"),
    ("kubectl --context prod scale deploy web --replicas=0", "K8S008"),
    ("kubectl --context prod scale deploy web --replicas 0", "K8S008"),
    ("kubectl --context prod rollout restart deploy/web", "K8S008"),
    ("kubectl --context prod rollout undo deploy/web", "K8S008"),
    ("kubectl --context prod cordon node-1", "K8S008"),
    ("kubectl --context prod set image deploy/web web=app:2", "K8S008"),
    ("kubectl --context prod label pod x a=b", "K8S008"),
    ("helm uninstall web", "K8S009"),
    ("helm delete web", "K8S009"),
    ("helm del web", "K8S009"),
    ("helm un web", "K8S009"),
    ("helm uninstall web --dry-run=false", "K8S009"),
    ("helm --kube-context prod uninstall api -n app --keep-history", "K8S009"),
    ("helm -n app uninstall a b", "K8S009"),
    ("helmfile destroy", "K8S009"),
    ("helmfile -e prod delete", "K8S009"),
    # Flux: a Kustomization or HelmRelease takes what it deployed with it
    ("flux delete kustomization apps --silent", "K8S003"),
    ("flux delete ks apps", "K8S003"),
    ("flux --context dev delete kustomization infra -n flux-system -s", "K8S003"),
    ("flux delete helmrelease redis -n default --silent", "K8S009"),
    ("flux delete hr redis", "K8S009"),
    ("flux uninstall --silent", "K8S004"),
    ("flux uninstall --keep-namespace", "K8S004"),
    ("flux delete source git podinfo --silent", "K8S006"),
    ("flux delete image policy app", "K8S006"),
    # kapp: an app is every resource it deployed
    ("kapp delete -a web", "K8S003"),
    ("kapp -y delete --app=web", "K8S003"),
    ("kapp delete -a web --diff-run=false", "K8S003"),
    ("kapp app-group delete -g apps -y", "K8S003"),
    ("kapp deploy -a web -f config/ -y", "K8S007"),
    # local clusters
    ("kind delete cluster", "K8S010"),
    ("kind delete cluster --name dev", "K8S010"),
    ("kind delete clusters --all", "K8S010"),
    ("kind delete clusters a b", "K8S010"),
    ("k3d cluster delete", "K8S010"),
    ("k3d cluster delete dev", "K8S010"),
    ("k3d cluster rm --all", "K8S010"),
    ("k3d cluster del -a", "K8S010"),
    ("minikube delete", "K8S010"),
    ("minikube delete --all --purge", "K8S010"),
    ("minikube -p dev delete", "K8S010"),
]

ARGOCD = [
    ("argocd app delete prod --cascade", "K8S003"),
    ("argocd app delete web -y", "K8S003"),
    ("argocd --server cd.example.com app delete -l env=prod -y", "K8S003"),
    ("argocd appset delete all-teams", "K8S003"),
    ("argocd app delete web --cascade=false", "K8S006"),
]


@pytest.mark.parametrize(("command", "rule"), ARGOCD)
def test_argocd_app_delete(command: str, rule: str, project: Path) -> None:
    d = decide(command, project)
    assert rule in d.rule_ids, (command, d.rule_ids)
    assert d.verdict >= ALL_RULES[rule].verdict


def test_argocd_cascade_false_keeps_the_resources(project: Path) -> None:
    # only ``--cascade=false`` binds the value; ``--cascade false`` deletes apps web and false
    kept = decide("argocd app delete web --cascade=false", project)
    assert kept.verdict == Verdict.ASK and kept.rule_ids == ["K8S006"]
    assert "stay" in kept.findings[0].message
    gone = decide("argocd app delete web --cascade false", project)
    assert gone.verdict == Verdict.DENY and "K8S003" in gone.rule_ids


def test_flux_and_kapp_messages_name_what_goes(project: Path) -> None:
    ks = decide("flux delete ks apps -n flux-system --silent", project)
    assert "apps" in ks.findings[0].message and "every resource it applied" in \
        ks.findings[0].message
    hr = decide("flux delete helmrelease redis", project)
    assert "uninstalls the release" in hr.findings[0].message
    src = decide("flux delete source git podinfo", project)
    assert src.verdict == Verdict.ASK and "stays deployed" in src.findings[0].message
    kapp = decide("kapp delete -a payments -y", project)
    assert kapp.verdict == Verdict.DENY
    assert "every resource of the app" in kapp.findings[0].message
    assert "payments" in kapp.findings[0].message


def test_local_cluster_delete_is_asked(project: Path) -> None:
    for command, named in [("kind delete cluster --name dev", "kind cluster dev"),
                           ("kind delete cluster", "kind cluster kind"),
                           ("kind delete clusters --all", "every kind cluster"),
                           ("k3d cluster delete", "k3d cluster k3s-default"),
                           ("minikube -p dev delete", "minikube cluster dev"),
                           ("minikube delete --all", "every minikube cluster")]:
        d = decide(command, project)
        assert d.verdict == Verdict.ASK, command
        assert d.rule_ids == ["K8S010"], (command, d.rule_ids)
        assert named in d.findings[0].message, (command, d.findings[0].message)


@pytest.mark.parametrize("command", ["argocd app get prod", "argocd app sync web",
                                     "argocd app list", "argocd app diff web",
                                     "argocd app delete --help"])
def test_argocd_reads_pass(command: str, project: Path) -> None:
    assert ids(command, project) == [], command


ORDINARY = [
    "kubectl get pods", "kubectl get pods -A", "kubectl get ns", "kubectl get all --all-namespaces",
    "kubectl describe pod web-1", "kubectl logs web-1 -f", "kubectl logs deploy/web --tail 50",
    "kubectl top pods", "kubectl top nodes", "kubectl explain deployment.spec",
    "kubectl api-resources", "kubectl version", "kubectl config view",
    "kubectl config get-contexts", "kubectl config use-context dev", "kubectl cluster-info",
    "kubectl diff -f deploy.yaml", "kubectl apply -f deploy.yaml --dry-run=client",
    "kubectl apply -f deploy.yaml --dry-run=server", "kubectl apply -f deploy.yaml --dry-run",
    "kubectl delete -f k8s/ --dry-run=client -o yaml", "kubectl delete ns x --dry-run=server",
    "kubectl delete pod x --dry-run", "kubectl delete -f - --dry-run=none --dry-run=client",
    "kubectl kustomize ./overlays/prod | kubectl delete --dry-run=server -f -",
    "kubectl --context prod get pods", "kubectl --context prod logs deploy/web",
    "kubectl --context prod describe node n1", "kubectl --context prod rollout status deploy/web",
    "kubectl --context prod rollout history deploy/web",
    "kubectl --context prod delete deploy web --dry-run=client",
    "kubectl scale deploy web --replicas=0", "kubectl rollout restart deploy/web",
    "kubectl --context nonprod scale deploy web --replicas=0",
    "kubectl --context preprod rollout restart deploy/web",
    "kubectl --context product-demo rollout restart deploy/web",
    "kubectl port-forward svc/web 8080:80", "kubectl create namespace feature-x",
    "kubectl exec web-1 -- ls /app", "kubectl cp web-1:/app/log.txt ./log.txt",
    "kubectl delete --help", "kubectl auth can-i delete pods",
    "helm list", "helm list -A", "helm status web", "helm history web",
    "helm get values web", "helm get manifest web", "helm template web ./chart",
    "helm lint ./chart", "helm show values bitnami/redis", "helm search repo redis",
    "helm repo add bitnami https://charts.bitnami.com/bitnami", "helm repo update",
    "helm dependency update ./chart", "helm upgrade web ./chart --dry-run",
    "helm upgrade web ./chart --dry-run=server", "helm uninstall web --dry-run",
    "helm --kube-context prod list", "helm diff upgrade web ./chart",
    "helmfile diff", "helmfile template", "helmfile lint",
    "flux get kustomizations", "flux get ks -A", "flux get helmreleases -A",
    "flux reconcile ks apps --with-source", "flux suspend kustomization apps",
    "flux resume hr redis", "flux check", "flux logs", "flux uninstall --dry-run",
    "flux delete ks apps --help", "flux version",
    "kapp list", "kapp inspect -a web", "kapp delete -a web --diff-run",
    "kapp deploy -a web -f config/ --diff-run", "kapp app-change list -a web",
    "kind create cluster", "kind create cluster --name dev", "kind get clusters",
    "kind load docker-image app:1", "kind export kubeconfig", "kind delete cluster --help",
    "k3d cluster create dev", "k3d cluster list", "k3d cluster stop dev",
    "k3d image import app:1 -c dev", "minikube start", "minikube stop", "minikube status",
    "minikube dashboard", "minikube service web --url",
    "grep -r 'kubectl delete' docs", "echo helm uninstall web",
]


@pytest.mark.parametrize(("command", "rule"), FLAGGED, ids=[c for c, _ in FLAGGED])
def test_flagged(command: str, rule: str, project: Path) -> None:
    d = decide(command, project)
    assert rule in d.rule_ids, (command, d.rule_ids)
    assert d.verdict >= ALL_RULES[rule].verdict


@pytest.mark.parametrize("command", ORDINARY)
def test_ordinary_calls_pass(command: str, project: Path) -> None:
    assert ids(command, project) == [], command


def test_every_rule_is_exercised() -> None:
    assert {r for _, r in FLAGGED} == {r.id for r in kubernetes.RULES}


def test_verdicts() -> None:
    asks = {"K8S006", "K8S007", "K8S008", "K8S010"}
    for rule in kubernetes.RULES:
        assert rule.verdict == (Verdict.ASK if rule.id in asks else Verdict.DENY), rule.id


def test_single_pod_is_asked(project: Path) -> None:
    d = decide("kubectl delete pod web-7d9c-abcde", project)
    assert d.verdict == Verdict.ASK
    assert "recreates" in d.findings[0].message


def test_all_namespaces_form_is_named(project: Path) -> None:
    d = decide("kubectl delete namespace -n X --all", project)
    assert d.verdict == Verdict.DENY
    assert any("every namespace of the cluster" in f.message for f in d.findings)


def _kubeconfig(home: Path, context: str) -> None:
    kube = home / ".kube"
    kube.mkdir(parents=True, exist_ok=True)
    (kube / "config").write_text(
        "apiVersion: v1\nkind: Config\nclusters: []\ncontexts:\n"
        f"- name: {context}\n  context:\n    cluster: c\n    user: u\n"
        f"current-context: {context}\nusers: []\n")


def test_current_context_from_kubeconfig(project: Path, home: Path) -> None:
    _kubeconfig(home, "acme-production")
    d = decide("kubectl delete deployment web", project)
    assert "K8S005" in d.rule_ids and d.verdict == Verdict.DENY
    assert any("acme-production" in f.message for f in d.findings)
    assert "K8S008" in ids("kubectl scale deploy web --replicas=0", project)
    assert ids("kubectl get pods", project) == []
    # an explicit --context wins over the current one
    assert "K8S005" not in ids("kubectl --context dev delete deployment web", project)


def test_kubeconfig_env_is_followed(project: Path, home: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    other = home / "other"
    _kubeconfig(other, "prod")
    path = other / ".kube" / "config"
    assert "K8S005" in ids(f"KUBECONFIG={path} kubectl delete deploy web", project)
    monkeypatch.setenv("KUBECONFIG", str(path))
    assert "K8S005" in ids("kubectl delete deploy web", project)


def test_dev_current_context_stays_quiet(project: Path, home: Path) -> None:
    _kubeconfig(home, "kind-dev")
    assert ids("kubectl rollout restart deploy/web", project) == []
    assert ids("kubectl delete pod web-1", project) == ["K8S006"]


@pytest.mark.parametrize(("name", "prod"), [
    ("prod", True), ("production", True), ("prod-eu", True), ("eu-prod-2", True),
    ("gke_acme_us-central1_prod", True), ("arn:aws:eks:us-east-1:1:cluster/prod", True),
    ("prod1", True), ("nonprod", False), ("preprod", False), ("product-demo", False),
    ("dev", False), ("kind-kind", False), (None, False),
])
def test_production_names(name: str | None, prod: bool) -> None:
    assert kubernetes._is_prod(name) is prod
