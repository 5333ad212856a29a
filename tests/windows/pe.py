"""Reads what CI checks in a Windows exe's PE header: the subsystem (2 =
GUI, 3 = console) and whether the resources hold an icon group (type 14)
and version information (type 16). Prints e.g. `gui icon version`.

    python3 pe.py FILE.exe
"""
import struct
import sys


def main(path):
    data = open(path, "rb").read()
    if data[:2] != b"MZ":
        sys.exit(f"{path}: not an exe")
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        sys.exit(f"{path}: no PE header")
    sections = struct.unpack_from("<H", data, pe + 6)[0]
    optional_size = struct.unpack_from("<H", data, pe + 20)[0]
    optional = pe + 24
    magic = struct.unpack_from("<H", data, optional)[0]
    subsystem = struct.unpack_from("<H", data, optional + 68)[0]
    directories = optional + (112 if magic == 0x20B else 96)
    resource_rva = struct.unpack_from("<I", data, directories + 2 * 8)[0]
    table = optional + optional_size
    resource_at = None
    for i in range(sections):
        s = table + 40 * i
        vsize, vaddr, rsize, raddr = struct.unpack_from("<IIII", data, s + 8)
        if vaddr <= resource_rva < vaddr + max(vsize, rsize):
            resource_at = raddr + (resource_rva - vaddr)
    types = set()
    if resource_rva and resource_at is not None:
        named, ids = struct.unpack_from("<HH", data, resource_at + 12)
        for e in range(named + ids):
            name = struct.unpack_from("<I", data, resource_at + 16 + 8 * e)[0]
            if not name & 0x80000000:
                types.add(name)
    words = {2: "gui", 3: "console"}.get(subsystem, f"subsystem-{subsystem}")
    words = [words]
    if 14 in types:
        words.append("icon")
    if 16 in types:
        words.append("version")
    print(" ".join(words))


if __name__ == "__main__":
    main(sys.argv[1])
