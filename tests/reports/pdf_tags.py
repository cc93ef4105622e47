"""Reading a tagged PDF's structure tree back (pypdf), for the accessibility checks."""


def structure_elements(reader, kind: str) -> list:
    """Every structure element of type `kind` ("/TH", "/Figure", …) in the document."""
    found, seen = [], set()
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        if hasattr(node, "get_object"):
            ref = getattr(node, "idnum", None)
            node = node.get_object()
            if ref is not None:
                if ref in seen:
                    continue
                seen.add(ref)
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not hasattr(node, "get"):
            continue
        if node.get("/S") == kind:
            found.append(node)
        kids = node.get("/K")
        if kids is not None:
            stack.extend(kids if isinstance(kids, list) else [kids])
    return found


def header_scopes(reader) -> list[str]:
    scopes = []
    for th in structure_elements(reader, "/TH"):
        attributes = th.get("/A")
        attributes = attributes.get_object() if attributes is not None else {}
        scopes.append(str(attributes.get("/Scope", "")))
    return scopes
