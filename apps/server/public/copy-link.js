// Progressive enhancement for the dashboard: a "Copy link" button after each verification
// link. Without JavaScript the read-only field stays, to select and copy by hand.
document.querySelectorAll('input.copy[data-copy-label]').forEach((field) => {
  if (!navigator.clipboard) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary';
  button.textContent = field.dataset.copyLabel;
  button.setAttribute('aria-describedby', field.id);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = field.dataset.copiedLabel;
    } catch {
      field.select();
    }
    setTimeout(() => (button.textContent = field.dataset.copyLabel), 2000);
  });
  field.insertAdjacentElement('afterend', button);
});
