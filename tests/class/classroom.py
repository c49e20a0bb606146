"""A real class on this machine, for the class test and the capacity benchmark:
the single-user environment installed by deploy/jupyterhub/install.sh, local users
made with useradd, the hub of deploy/jupyterhub/jupyterhub_config.py started on
127.0.0.1, and what a student's browser does through the proxy (REST calls with a
token, a kernel over its websocket). Everything started here is stopped by PID.
"""

import contextlib
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import psutil
import requests
import websocket

COURSE_DIR = Path(__file__).resolve().parents[2]
DEPLOY = COURSE_DIR / "deploy" / "jupyterhub"
# Outside /root (which students cannot enter), and the same for every run so a second
# run only refreshes the course copy; override with DUBAO_CLASS_PREFIX.
PREFIX = Path(os.environ.get("DUBAO_CLASS_PREFIX", "/opt/dubao-class-test"))
# Every command run as a user, with its output: written to DUBAO_CLASS_TRANSCRIPT
# when set, so that INSTRUCTORS.md can show what the commands really print.
TRANSCRIPT: list[str] = []


def record(user: str, args, result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    shown = " ".join(str(a) for a in args)
    TRANSCRIPT.append(f"{user}$ {shown}\n{result.stdout}{result.stderr}[exit {result.returncode}]\n")
    return result


def write_transcript() -> None:
    target = os.environ.get("DUBAO_CLASS_TRANSCRIPT")
    if target:
        Path(target).write_text("\n".join(TRANSCRIPT), encoding="utf-8")


def why_not_here() -> str | None:
    """The reason a real class cannot run on this machine, or None."""
    if os.name != "posix" or os.geteuid() != 0:
        return "the class test creates local users and runs a hub as root (run it as root, as CI does)"
    for tool in ("useradd", "userdel", "npm", "node"):
        if not shutil.which(tool):
            return f"{tool} is not installed (see .ci/run: apt-get install nodejs npm)"
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    if int(node.lstrip("v").split(".")[0]) < 18:
        return f"configurable-http-proxy needs node >= 18 (5.2 on >= 20, 4.6 on 18), this machine has {node}"
    if subprocess.run(["/usr/bin/python3", "-c", "import ensurepip, sys; assert sys.version_info >= (3, 11)"],
                      capture_output=True).returncode:
        return "/usr/bin/python3 >= 3.11 with venv is missing (apt-get install python3-venv)"
    return None


def install(prefix: Path = PREFIX, exchange: Path | None = None) -> Path:
    env = {**os.environ, "DUBAO_EXCHANGE": str(exchange or prefix / "exchange")}
    result = record("root", [DEPLOY / "install.sh", prefix], subprocess.run(
        [str(DEPLOY / "install.sh"), str(prefix)], capture_output=True, text=True, env=env, timeout=1800))
    if result.returncode:
        raise RuntimeError(f"install.sh failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return prefix


def free_ports(count: int = 3) -> int:
    """The first of ``count`` consecutive free ports on 127.0.0.1."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + count < 65535 and all(_free(base + i) for i in range(count)):
            return base
    raise RuntimeError("no free ports")


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def create_users(names, group: str) -> None:
    subprocess.run(["groupadd", "-f", group], check=True)
    for name in names:
        delete_user(name)
        subprocess.run(["useradd", "-m", "-s", "/bin/bash", "-G", group, name], check=True)


def delete_user(name: str) -> None:
    with contextlib.suppress(KeyError):
        uid = pwd.getpwnam(name).pw_uid
        for process in psutil.process_iter(["uids"]):
            if process.info["uids"] and process.info["uids"].real == uid:
                with contextlib.suppress(psutil.Error):
                    process.kill()
        subprocess.run(["userdel", "-r", "-f", name], capture_output=True)


def delete_group(name: str) -> None:
    subprocess.run(["groupdel", name], capture_output=True)


def home(name: str) -> Path:
    return Path(pwd.getpwnam(name).pw_dir)


def run_as(name: str, args, cwd=None, env=None, timeout=600) -> subprocess.CompletedProcess:
    """Run a command as a local user, with that user's HOME and the class Python first on PATH."""
    user = pwd.getpwnam(name)
    environment = {"HOME": user.pw_dir, "USER": name, "LANG": "C.UTF-8",
                   "PATH": f"{PREFIX / 'venv' / 'bin'}:/usr/bin:/bin", **(env or {})}
    return record(name, args, subprocess.run(args, cwd=cwd or user.pw_dir, env=environment, user=user.pw_uid,
                                             group=user.pw_gid, extra_groups=[], capture_output=True, text=True,
                                             timeout=timeout))


class Hub:
    """The class's JupyterHub, started as a child process and stopped by PID."""

    def __init__(self, prefix: Path, state: Path, group: str, instructors, exchange: Path):
        self.port = free_ports(3)
        self.url = f"http://127.0.0.1:{self.port}"
        self.password = secrets.token_hex(8)
        self.token = secrets.token_hex(16)
        self.state, self.prefix = state, prefix
        self.env = {**os.environ, "DUBAO_HUB_PREFIX": str(prefix), "DUBAO_HUB_STATE": str(state),
                    "DUBAO_HUB_PORT": str(self.port), "DUBAO_HUB_GROUP": group,
                    "DUBAO_INSTRUCTORS": ",".join(instructors), "DUBAO_HUB_PASSWORD": self.password,
                    "DUBAO_HUB_SERVICE_TOKEN": self.token, "DUBAO_EXCHANGE": str(exchange)}
        self.log = state.parent / "jupyterhub.log"
        self.process = None

    def start(self, timeout=60) -> "Hub":
        self.state.mkdir(parents=True, exist_ok=True)
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [str(self.prefix / "venv" / "bin" / "jupyterhub"), "-f", str(DEPLOY / "jupyterhub_config.py")],
                cwd=self.state, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub stopped at once:\n{self.log.read_text()[-3000:]}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/hub/api/", timeout=2).ok:
                    return self
            time.sleep(0.3)
        raise RuntimeError(f"the hub did not answer in {timeout} s:\n{self.log.read_text()[-3000:]}")

    def api(self, method: str, path: str, **kwargs):
        response = requests.request(method, f"{self.url}/hub/api{path}", timeout=60,
                                    headers={"Authorization": f"token {self.token}"}, **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None

    def user_token(self, name: str) -> str:
        return self.api("POST", f"/users/{name}/tokens", json={"note": "class test"})["token"]

    def spawn(self, name: str) -> None:
        response = requests.post(f"{self.url}/hub/api/users/{name}/server", timeout=60,
                                 headers={"Authorization": f"token {self.token}"})
        if response.status_code not in (201, 202, 400):  # 400: already running
            response.raise_for_status()

    def wait_ready(self, name: str, timeout=240) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.api("GET", f"/users/{name}").get("servers", {}).get("", {})
            if server.get("ready"):
                return
            if not server.get("pending") and server and not server.get("ready"):
                raise RuntimeError(f"{name}'s server stopped: {server}")
            time.sleep(0.5)
        raise RuntimeError(f"{name}'s server was not ready in {timeout} s")

    def pids(self) -> set[int]:
        """The hub, its proxy and every server it started (all its descendants)."""
        found = set()
        if self.process:
            with contextlib.suppress(psutil.Error):
                hub = psutil.Process(self.process.pid)
                found = {hub.pid, *(child.pid for child in hub.children(recursive=True))}
        pid_file = self.state / "proxy.pid"
        if pid_file.exists():
            with contextlib.suppress(ValueError):
                found.add(int(pid_file.read_text().strip()))
        return {pid for pid in found if psutil.pid_exists(pid)}

    def stop(self) -> set[int]:
        """SIGTERM the hub (it stops the proxy and the servers), then kill by PID
        whatever is left; returns the PIDs that had to be killed."""
        pids = self.pids()
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=30)
        left = {pid for pid in pids if psutil.pid_exists(pid)}
        for pid in left:
            with contextlib.suppress(psutil.Error):
                psutil.Process(pid).kill()
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        return left


class Student:
    """What one student's browser does, through the proxy, with that student's token."""

    def __init__(self, hub: Hub, name: str, token: str | None = None):
        self.hub, self.name = hub, name
        self.token = token or hub.user_token(name)
        self.base = f"{hub.url}/user/{name}"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {self.token}"

    def get(self, path, **kwargs):
        response = self.session.get(f"{self.base}{path}", timeout=120, **kwargs)
        response.raise_for_status()
        return response.json()

    def post(self, path, **kwargs):
        response = self.session.post(f"{self.base}{path}", timeout=300, **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None

    def notebook(self, path: str) -> dict:
        return self.get(f"/api/contents/{path}", params={"content": 1})

    def save_notebook(self, path: str, content: dict) -> None:
        response = self.session.put(f"{self.base}/api/contents/{path}", timeout=60,
                                    json={"type": "notebook", "format": "json", "content": content})
        response.raise_for_status()

    def nbgrader(self, action: str, assignment: str) -> dict:
        """nbgrader's assignment list extension, as the Assignments tab calls it."""
        result = self.post(f"/assignments/{action}", data={"course_id": "dubao", "assignment_id": assignment})
        if not result.get("success"):
            raise RuntimeError(f"{self.name}: nbgrader {action} failed: {result.get('value')}")
        return result

    def kernel(self) -> "Kernel":
        return Kernel(self)


class Kernel:
    """A kernel of the student's server, run over its websocket through the proxy."""

    def __init__(self, student: Student):
        self.student = student
        self.id = student.post("/api/kernels", json={"name": "python3"})["id"]
        url = f"ws://127.0.0.1:{student.hub.port}/user/{student.name}/api/kernels/{self.id}/channels"
        self.socket = websocket.create_connection(url, timeout=300,
                                                  header=[f"Authorization: token {student.token}"])
        self.session = uuid.uuid4().hex

    def execute(self, code: str, timeout: float = 300) -> dict:
        """Run code; {"status": "ok"|"error", "stdout": …, "error": "Name: value"}."""
        msg_id = uuid.uuid4().hex
        self.socket.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.student.name,
                       "session": self.session, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": False}}))
        result, idle, reply = {"stdout": "", "error": None, "status": None}, False, False
        deadline = time.monotonic() + timeout
        while not (idle and reply):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.student.name}: no reply in {timeout} s to {code[:60]!r}")
            message = json.loads(self.socket.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream" and content.get("name") == "stdout":
                result["stdout"] += content["text"]
            elif kind == "error":
                result["error"] = f"{content['ename']}: {content['evalue']}"
            elif kind == "execute_reply":
                result["status"], reply = content["status"], True
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        return result

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.socket.close()
        with contextlib.suppress(Exception):
            self.student.session.delete(f"{self.student.base}/api/kernels/{self.id}", timeout=30)


def code_cells(notebook: dict) -> list[str]:
    return [cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            for cell in notebook["content"]["cells"] if cell["cell_type"] == "code"]
